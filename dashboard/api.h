// Api: the dashboard's routes, answered from a read-only results.db: the embedded page and its assets,
// the sweeps, one sweep's model, its live updates and one trial's details. Anything else is a 404;
// no URL names a file. Independent of the network, so tests call it directly.
//
// Threads: one thread (the serving thread) calls handle() and uses the Api's own read-only connection.
// Models are built by its ModelCache's worker thread, so no request waits for a model to be built
// except the first one of a sweep, and that one waits without holding up the serving thread: its
// reply is called later, on the worker thread (see handle()).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "dashboard/live_updates.h"
#include "dashboard/model_cache.h"
#include "report/report_model.h"
#include "results/result_store.h"

namespace dashboard {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Bounds on what one response may hold (and kMaxModelBytes, model_cache.h).
inline constexpr std::size_t kMaxLogTailBytes = 64u << 10;
inline constexpr std::size_t kMaxTrialPoints = 200'000;   // a trial's series, all metrics together

struct ApiOptions {
  std::optional<std::string> metric;  // plot and rank by this metric; default: each sweep's own
  std::optional<std::string> goal;    // maximize | minimize; default: the sweep's goal for its metric, else maximize
  ModelRefresh refresh;
};

class Api {
 public:
  using Reply = std::function<void(Response)>;

  // Throws results::StoreError when the database cannot be opened read-only.
  explicit Api(const std::string& db_path, const ApiOptions& options = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // target is the request's path and query ("/api/sweeps/1/updates?since=..."); method GET or HEAD.
  // reply is called once: before handle() returns, except for the model of a sweep not built yet,
  // which is answered on the model worker's thread once it is.
  void handle(const std::string& method, const std::string& target, const Reply& reply);
  // The same, waiting for the answer (tests, and callers that may block).
  Response handle(const std::string& method, const std::string& target);

 private:
  void route(const std::string& path, const std::string& query, const Reply& reply);
  Response sweeps();
  void model(std::int64_t sweep_id, const Reply& reply);
  Response updates(std::int64_t sweep_id, const std::string& query);
  Response trial(std::int64_t sweep_id, int number);
  const LiveView& live_view(const results::SweepRecord& sweep);

  const report::ReportOptions report_options_;  // the metric and goal pages plot, for models and updates
  results::ResultStore store_;
  std::map<std::int64_t, std::unique_ptr<LiveView>> views_;
  ModelCache models_;  // last: its worker stops before the rest goes
};

}  // namespace dashboard
