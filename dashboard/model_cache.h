// ModelCache: each sweep's report model as JSON text, built off the serving thread. A page's model
// request is answered from the latest model built, never waiting for a build; a worker thread builds a
// sweep's model when it is first asked for and rebuilds it while the sweep changes (at most every
// max_age), for as long as pages keep asking for it.
//
// Threads and ownership: latest() is called by one thread, the owner's (the dashboard's serving thread).
// The worker thread is owned by the cache: it is started by the constructor, stopped and joined by the
// destructor, and is the only user of its own read-only connection to the database. The `ready`
// callbacks given to latest() run on the worker thread; a caller that must answer on its own thread
// moves the answer there (HttpServer posts it to the connection's strand). Callbacks still waiting when
// the cache is destroyed are dropped, not called.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "report/report_model.h"
#include "results/result_store.h"

namespace dashboard {

// A built model: its JSON text with status 200, or the error a build ended in (404: the metric asked
// for was never recorded; 500: anything else), as the model route answers it.
struct BuiltModel {
  int status = 200;
  std::string body;
};

struct ModelRefresh {
  // A changing sweep's model is rebuilt at most this often (the importance fit dominates its cost);
  // pages stay current in between through the updates, which carry the same data.
  std::chrono::milliseconds max_age{3000};
  // How often the worker looks for sweeps that changed.
  std::chrono::milliseconds check_every{250};
  // A model nobody asked for this long is no longer rebuilt (until it is asked for again).
  std::chrono::milliseconds idle{60'000};
};

// Bounds the model of one sweep: a larger one is answered with an error.
inline constexpr std::size_t kMaxModelBytes = 64u << 20;

class ModelCache {
 public:
  using Ready = std::function<void(std::shared_ptr<const BuiltModel>)>;

  // Opens its own read-only connection (throws results::StoreError as ResultStore::open_read_only does).
  ModelCache(const std::string& db_path, report::ReportOptions options, ModelRefresh refresh = {});
  ~ModelCache();
  ModelCache(const ModelCache&) = delete;
  ModelCache& operator=(const ModelCache&) = delete;

  // The latest model built for the sweep (which must exist). When none is built yet it returns null and
  // calls ready, on the worker thread, with the first one built; ready is not used otherwise.
  std::shared_ptr<const BuiltModel> latest(std::int64_t sweep_id, Ready ready);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::shared_ptr<const BuiltModel> model;
    double cursor = 0;          // the sweep's last activity and state when the model was built
    std::string state;
    Clock::time_point built;
    Clock::time_point asked;    // the last latest() call for it
    std::vector<Ready> waiting; // latest() calls made before a first model was built
  };

  void work(const std::stop_token& stop);
  // The sweeps the worker should build now: every one never built, and the asked-for ones whose
  // max_age has passed (whether they changed is read from the database, outside the lock).
  std::vector<std::int64_t> due(Clock::time_point now) const;
  void refresh(std::int64_t sweep_id);

  const report::ReportOptions options_;
  const ModelRefresh timing_;
  results::ResultStore store_;  // the worker's alone once it runs
  mutable std::mutex mutex_;    // guards entries_ and wake_
  std::condition_variable_any changed_;
  std::map<std::int64_t, Entry> entries_;
  bool wake_ = false;           // a first request is waiting for its model
  std::jthread worker_;         // last: started after everything it uses, stopped and joined first
};

// The sweep with this id as readers show it ("interrupted" when it is stored as running but no
// coordinator holds it); throws results::NotFoundError when there is none.
results::SweepRecord shown_sweep(const results::ResultStore& store, std::int64_t sweep_id);

}  // namespace dashboard
