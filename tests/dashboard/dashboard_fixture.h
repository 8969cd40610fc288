// A small sweep written with ResultStore for the dashboard's tests: the report tests' spec (a log-uniform,
// a categorical whose third choice looks like markup, an integer parameter), trials with val_acc by epoch.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/run/coordinator_lock.h"
#include "results/result_store.h"
#include "tests/common/scratch_directory.h"
#include "tests/report/report_fixture.h"

namespace dashboard_test {

inline constexpr const char* kSpec = report_test::kSyntheticSpec;
inline const std::string kMarkupChoice = report_test::kOptimizers[2];  // "<nadam>": shown as text, never markup

inline double accuracy(int trial, int step) { return (0.5 + 0.04 * trial) * (1 - std::pow(0.5, step)); }

inline nlohmann::json params(int trial) {
  return {{"learning_rate", std::pow(10.0, -4 + 0.3 * trial)}, {"optimizer", report_test::kOptimizers[trial % 3]},
          {"num_layers", 1 + trial % 4}};
}

struct LiveSweep {
  explicit LiveSweep(const std::string& spec = kSpec)
      : db(dir.file("results.db")), store(results::ResultStore::open(db)) {
    // Initialised, not assigned: GCC 12 reports a false -Wrestrict on string assignment here.
    const results::SweepRecord record{.id = 0, .name = "live", .spec_text = spec, .spec_hash = "h", .method = "random",
                                      .metric = "val_acc", .goal = "maximize", .state = "running",
                                      .created_at = 0, .updated_at = 0};
    sweep = record;
    sweep.id = store.create_sweep(record);
    // A live coordinator holds the sweep, so readers see it (and its trials) running, not interrupted.
    lock = orchestrator::CoordinatorLock::acquire(db, record.name);
  }
  std::int64_t start(int trial, int attempt = 1) {
    return store.start_trial(sweep.id, trial, attempt, params(trial).dump(), "host");
  }
  void epochs(std::int64_t id, int trial, int from, int to) {
    std::vector<results::MetricPoint> points;
    for (int step = from; step <= to; ++step) points.push_back({step, "val_acc", accuracy(trial, step)});
    store.record_metrics(id, points);
  }

  test_support::ScratchDirectory dir;
  std::string db;
  results::ResultStore store;
  results::SweepRecord sweep;
  std::optional<orchestrator::CoordinatorLock> lock;
};

}  // namespace dashboard_test
