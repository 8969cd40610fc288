// Synthetic sweeps for the report's model and page tests, written with ResultStore directly: a spec
// with a log-uniform, a categorical and an integer parameter, and trials of known states, metrics and times.
#pragma once

#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/result_store.h"
#include "tests/common/scratch_directory.h"

namespace report_test {

namespace fs = std::filesystem;

using ScratchDir = test_support::ScratchDirectory;

inline constexpr const char* kSyntheticSpec = R"(name: synth
program: trainer
method: bayes
metric:
  name: val_acc
  goal: maximize
parameters:
  learning_rate:
    distribution: log_uniform_values
    min: 0.0001
    max: 0.1
  optimizer:
    values: [sgd, adam, "<nadam>"]
  num_layers:
    min: 1
    max: 4
  epochs:
    value: 5
)";

inline const std::vector<std::string> kOptimizers = {"sgd", "adam", "<nadam>"};

// Trial i's plateau of val_acc; trial 6 is the best. val_acc(step) = plateau * (1 - 0.5^step).
inline double plateau(int trial) { return trial == 6 ? 0.95 : 0.5 + 0.04 * trial; }
inline double val_acc(int trial, int step) { return plateau(trial) * (1 - std::pow(0.5, step)); }
inline double learning_rate(int trial) { return std::pow(10.0, -4 + 3.0 * (trial - 1) / 7); }

// Sets a trial's start and end times (ResultStore stamps the current time; the tests need known ones).
inline void set_times(const fs::path& db, std::int64_t trial_id, double started, double ended) {
  sqlite3* connection = nullptr;
  if (sqlite3_open(db.c_str(), &connection) != SQLITE_OK) throw std::runtime_error("cannot open " + db.string());
  const std::string sql = "UPDATE trials SET started_at = " + std::to_string(started) +
                          ", ended_at = " + std::to_string(ended) + " WHERE id = " + std::to_string(trial_id);
  const int code = sqlite3_exec(connection, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(connection);
  if (code != SQLITE_OK) throw std::runtime_error("cannot set trial times");
}

inline std::string confusion_json() {
  nlohmann::json matrix = nlohmann::json::array();
  for (int row = 0; row < 10; ++row) {
    nlohmann::json cells = nlohmann::json::array();
    for (int column = 0; column < 10; ++column) cells.push_back(row == column ? 900 + row : (row + column) % 7);
    matrix.push_back(cells);
  }
  return matrix.dump();
}

inline results::SweepRecord add_sweep(results::ResultStore& store, const std::string& name, const std::string& spec) {
  results::SweepRecord sweep;
  sweep.name = name;
  sweep.spec_text = spec;
  sweep.spec_hash = "hash-" + name;
  sweep.method = "bayes";
  sweep.metric = "val_acc";
  sweep.goal = "maximize";
  sweep.state = "finished";
  sweep.id = store.create_sweep(sweep);
  return sweep;
}

inline nlohmann::json synthetic_params(int trial) {
  return {{"learning_rate", learning_rate(trial)},
          {"optimizer", kOptimizers[trial % 3]},
          {"num_layers", 1 + trial % 4},
          {"epochs", 5}};
}

// Records `steps` epochs of val_acc and loss for a trial.
inline void record_epochs(results::ResultStore& store, std::int64_t id, int trial, int steps) {
  std::vector<results::MetricPoint> points;
  for (int step = 1; step <= steps; ++step) {
    points.push_back({step, "val_acc", val_acc(trial, step)});
    points.push_back({step, "loss", 1 - val_acc(trial, step)});
  }
  store.record_metrics(id, points);
}

// Eight trials: 3 early-terminated after 2 epochs, 5 failed without metrics, 7 failed once then
// finished on its second attempt, the rest finished; trial 6 (the best) has a stored test confusion.
// Trial i (first attempt) runs from 1000 + 10 i for 5 + i seconds; trial 7's first attempt for 2 s.
struct SyntheticSweep {
  explicit SyntheticSweep(const std::string& spec = kSyntheticSpec, int trials = 8, bool with_test = true)
      : db(dir / "results.db"), store(results::ResultStore::open(db.string())), sweep(add_sweep(store, "synth", spec)) {
    for (int trial = 1; trial <= trials; ++trial) {
      const std::string params = synthetic_params(trial).dump();
      if (trial == 7) {
        const auto failed = store.start_trial(sweep.id, 7, 1, params, "host");
        store.finish_trial(failed, results::TrialState::Failed, 1, "crash", "{}");
        set_times(db, failed, 1070, 1072);
      }
      const auto id = store.start_trial(sweep.id, trial, trial == 7 ? 2 : 1, params, "host");
      if (trial == 5) {
        store.finish_trial(id, results::TrialState::Failed, 3, "boom", "{}");
      } else {
        record_epochs(store, id, trial, trial == 3 ? 2 : 5);
        store.finish_trial(id, trial == 3 ? results::TrialState::EarlyTerminated : results::TrialState::Finished, 0,
                           "", "{}");
      }
      const double started = trial == 7 ? 1080 : 1000 + 10.0 * trial;
      set_times(db, id, started, started + 5 + trial);
      if (trial == 6 && with_test) store.set_summary(id, {{"test_confusion", confusion_json()}, {"test_acc", "0.9123"}});
    }
  }

  ScratchDir dir;
  fs::path db;
  results::ResultStore store;
  results::SweepRecord sweep;
};

}  // namespace report_test
