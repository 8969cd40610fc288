// ReportModel: everything the HTML report shows about one sweep, gathered from results.db and the
// sweep's stored spec into plain values, so the page (html_report.h) only lays them out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/charts.h"
#include "report/parameter_importance.h"
#include "results/result_store.h"

namespace report {

struct ReportOptions {
  std::optional<std::string> metric;  // default: the sweep's metric
  std::optional<std::string> goal;    // maximize | minimize; default: the sweep's goal for its metric, else maximize
  bool load_sample_images = true;     // read the dataset's test images for the sample grid (tests turn it off)
  int images_per_class = 8;
};

struct StateCount {
  std::string state;  // finished, early_terminated, failed, diverged, killed, running, interrupted
  int count = 0;
};

// One row of the trials table: the latest attempt of a trial number.
struct TrialRow {
  std::int64_t id = 0;                     // the attempt's row id
  int number = 0;
  int attempts = 1;
  std::string state;
  std::optional<int> exit_code;
  double started_at = 0;
  double activity = 0;                     // its latest start, end or heard-from time (results/live_queries.cpp)
  std::optional<double> duration_seconds;  // none while running
  std::optional<double> metric_best;       // by the goal, over the trial's steps
  std::optional<double> metric_last;
  std::vector<std::string> param_values;   // one per ReportModel::param_columns ("" when absent)
};

struct BestTrial {
  int number = 0;
  double value = 0;
  std::string state;
  std::vector<std::pair<std::string, std::string>> params;  // flattened, exact text
  std::string command_line;                                 // the trial's argv, shell-quoted, ready to paste
};

// The best trial's test-set results: from its own metric lines (trials run with --test) or from
// `sweep best --retrain --test`, both stored in the trial's summary.
struct TestResults {
  std::vector<std::vector<std::int64_t>> confusion;  // rows: true class; empty when not stored
  std::optional<double> accuracy;
  std::optional<double> loss;
  bool retrained = false;                            // the summary holds a `retrain` record:
  std::string retrain_command;                       //   the retrained trial's argv, shell-quoted
  std::string retrain_exit;                          //   how that run ended ("exit 0", "killed by signal 9")
  std::optional<double> retrain_seconds;
};

struct SampleImages {
  int width = 0, height = 0;
  std::vector<std::vector<std::vector<std::uint8_t>>> by_class;  // [class][image] -> width*height pixels
};

struct ReportModel {
  results::SweepRecord sweep;
  std::string metric;         // the metric the report ranks and plots ("" when the sweep has none)
  bool maximize = true;
  std::string spec_problem;   // why the stored spec could not be parsed (axes then come from the trials)
  std::string program;        // the spec's program, as written
  double cursor = 0;          // the sweep's last activity before gathering: live updates continue from it

  int trial_count = 0;        // trial numbers (latest attempts)
  std::vector<StateCount> counts;   // non-zero states only, in a fixed order
  double compute_seconds = 0;       // sum of every attempt's duration
  std::optional<double> wall_seconds;  // first trial start to last trial end (or last start)

  std::optional<BestTrial> best;
  std::vector<HistoryPoint> history;
  std::vector<Curve> curves;
  std::vector<ParallelAxis> axes;
  std::vector<ParallelLine> lines;
  ImportanceResult importance;
  int importance_trials = 0;        // finished trials with a finite value that the importance used

  std::optional<TestResults> test;
  std::string dataset;              // the best trial's `dataset` parameter, default fashion_mnist
  std::vector<std::string> class_names;
  std::optional<SampleImages> samples;

  std::vector<std::string> param_columns;  // flattened parameter names, in name order
  std::vector<TrialRow> rows;              // by trial number
};

// Gathers the model. Throws results::NotFoundError when an explicitly chosen metric was
// recorded by no trial, and results::StoreError for database failures.
ReportModel build_report_model(const results::ResultStore& store, const results::SweepRecord& sweep,
                               const ReportOptions& options);

// One trials-table row from a trial's latest attempt (the live dashboard builds rows of changed trials
// with it, so they match the model's).
TrialRow trial_row(const results::TrialSummary& summary, int attempts, const std::string& metric, bool maximize,
                   const std::vector<std::string>& param_columns);

// The class names of a dataset the trainer reads (fashion_mnist, mnist); "0".."9" otherwise.
std::vector<std::string> dataset_class_names(const std::string& dataset);

}  // namespace report
