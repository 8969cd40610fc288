// Shared setup for the result store tests: a database in a temp directory and a sweep record.
#pragma once

#include <string>

#include "results/result_store.h"
#include "temp_directory.h"

namespace results_test {

inline results::SweepRecord make_sweep(const std::string& name, const std::string& metric = "val_acc",
                                       const std::string& goal = "maximize") {
  results::SweepRecord sweep;
  sweep.name = name;
  sweep.spec_text = "method: random\nmetric: {name: " + metric + ", goal: " + goal + "}\n";
  sweep.spec_hash = "hash-of-" + name;
  sweep.method = "random";
  sweep.metric = metric;
  sweep.goal = goal;
  sweep.state = "running";
  return sweep;
}

// Starts a trial, records one value per step of the given series, and finishes it.
inline std::int64_t add_trial(results::ResultStore& store, std::int64_t sweep_id, int number,
                              const std::string& params, const std::string& metric,
                              const std::vector<double>& series,
                              results::TrialState state = results::TrialState::Finished) {
  const std::int64_t id = store.start_trial(sweep_id, number, 1, params, "testhost");
  std::vector<results::MetricPoint> points;
  for (std::size_t step = 0; step < series.size(); ++step) {
    points.push_back({static_cast<std::int64_t>(step + 1), metric, series[step]});
  }
  store.record_metrics(id, points);
  store.finish_trial(id, state, 0, "", "{}");
  return id;
}

}  // namespace results_test
