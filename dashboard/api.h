// Api: the dashboard's routes, answered from a read-only results.db: the embedded page and its assets,
// the sweeps, one sweep's model, its live updates and one trial's details. Anything else is a 404;
// no URL names a file. Independent of the network, so tests call it directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "dashboard/live_updates.h"
#include "results/result_store.h"

namespace dashboard {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Bounds on what one response may hold.
inline constexpr std::size_t kMaxModelBytes = 64u << 20;  // the model of a sweep larger than this is refused
inline constexpr std::size_t kMaxLogTailBytes = 64u << 10;
inline constexpr std::size_t kMaxTrialPoints = 200'000;   // a trial's series, all metrics together

class Api {
 public:
  // The model of a sweep is rebuilt at most this often while it changes (the importance fit dominates
  // its cost); pages stay current in between through the updates, which carry the same data.
  static constexpr std::chrono::milliseconds kModelMaxAge{3000};

  explicit Api(const std::string& db_path);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // target is the request's path and query ("/api/sweeps/1/updates?since=..."); method GET or HEAD.
  Response handle(const std::string& method, const std::string& target);

 private:
  struct CachedModel {
    std::string body;
    double cursor = 0;
    std::string state;
    std::chrono::steady_clock::time_point built;
  };
  Response route(const std::string& path, const std::string& query);
  Response sweeps();
  Response model(std::int64_t sweep_id);
  Response updates(std::int64_t sweep_id, const std::string& query);
  Response trial(std::int64_t sweep_id, int number);
  results::SweepRecord sweep(std::int64_t sweep_id) const;
  const LiveView& live_view(const results::SweepRecord& sweep);

  results::ResultStore store_;
  std::map<std::int64_t, CachedModel> models_;
  std::map<std::int64_t, std::unique_ptr<LiveView>> views_;
};

}  // namespace dashboard
