// Summaries for the CLI and exports. They read the schema's views (metric_summary, sweep_summary),
// so `sweep ls` and `SELECT * FROM sweep_summary` cannot disagree.
#include <algorithm>
#include <map>

#include "results/interrupted.h"
#include "results/result_store.h"
#include "results/result_store_impl.h"

namespace results {

const MetricSummary* TrialSummary::metric(const std::string& name) const {
  const auto found = std::find_if(metrics.begin(), metrics.end(),
                                  [&](const MetricSummary& summary) { return summary.name == name; });
  return found == metrics.end() ? nullptr : &*found;
}

std::vector<SweepSummary> ResultStore::sweep_summaries() const {
  auto statement = impl_->connection.prepare(
      std::string("SELECT s.*, v.trials, v.running, v.finished, v.failed, v.diverged, v.early_terminated, v.killed, "
                  "v.best_value, v.best_trial FROM (SELECT ") +
      kSweepColumns + " FROM sweeps) s JOIN sweep_summary v ON v.sweep_id = s.id ORDER BY s.id");
  std::vector<SweepSummary> all;
  while (statement->step()) {
    const auto& row = *statement;
    constexpr int c = 10;  // first column after the sweep's own
    all.push_back(SweepSummary{.sweep = read_sweep(row),
                               .trials = row.integer(c),
                               .running = row.integer(c + 1),
                               .finished = row.integer(c + 2),
                               .failed = row.integer(c + 3),
                               .diverged = row.integer(c + 4),
                               .early_terminated = row.integer(c + 5),
                               .killed = row.integer(c + 6),
                               .best_value = row.optional_real(c + 7),
                               .best_trial = row.optional_integer(c + 8)});
  }
  const CoordinatorPresence presence = CoordinatorPresence::look();
  for (SweepSummary& summary : all) {
    show_interruption(path(), summary.sweep, presence);
    if (summary.sweep.state != kInterruptedState) continue;
    summary.interrupted = summary.running;
    summary.running = 0;
  }
  return all;
}

namespace {

// Reads a metric_summary row from its `name` column on.
MetricSummary read_metric_summary(const sqlite::Statement& row, int c) {
  return MetricSummary{.name = row.text(c),
                       .points = row.int64(c + 1),
                       .last_step = row.int64(c + 2),
                       .last = row.real(c + 3),
                       .min = row.real(c + 4),
                       .max = row.real(c + 5)};
}

constexpr const char* kMetricSummaryColumns = "name, points, last_step, last_value, min_value, max_value";

}  // namespace

std::vector<MetricSummary> ResultStore::metric_summaries(std::int64_t trial_id) const {
  auto statement = impl_->connection.prepare(std::string("SELECT ") + kMetricSummaryColumns +
                                             " FROM metric_summary WHERE trial_id = ? ORDER BY name");
  statement->bind(1, trial_id);
  std::vector<MetricSummary> summaries;
  while (statement->step()) summaries.push_back(read_metric_summary(*statement, 0));
  return summaries;
}

std::vector<TrialSummary> ResultStore::trial_summaries(std::int64_t sweep_id) const {
  std::vector<TrialSummary> summaries;
  std::map<std::int64_t, std::size_t> index_of_trial;
  std::vector<TrialRecord> all = trials(sweep_id);
  auto sweep = impl_->connection.prepare(std::string("SELECT ") + kSweepColumns + " FROM sweeps WHERE id = ?");
  sweep->bind(1, sweep_id);
  if (sweep->step()) {
    SweepRecord record = read_sweep(*sweep);
    if (record.state == "running") show_interruption(path(), record, CoordinatorPresence::look());
    for (TrialRecord& trial : all) show_interruption(record, trial);
  }
  for (TrialRecord& trial : all) {
    index_of_trial[trial.id] = summaries.size();
    summaries.push_back(TrialSummary{.trial = std::move(trial), .metrics = {}});
  }
  auto statement = impl_->connection.prepare(
      std::string("SELECT trial_id, ") + kMetricSummaryColumns +
      " FROM metric_summary WHERE trial_id IN (SELECT id FROM trials WHERE sweep_id = ?) ORDER BY trial_id, name");
  statement->bind(1, sweep_id);
  while (statement->step()) {
    const auto& row = *statement;
    const auto found = index_of_trial.find(row.int64(0));
    if (found == index_of_trial.end()) continue;  // a trial started between the two reads
    summaries[found->second].metrics.push_back(read_metric_summary(row, 1));
  }
  return summaries;
}

std::vector<std::string> ResultStore::metric_names(std::int64_t sweep_id) const {
  auto statement = impl_->connection.prepare(
      "SELECT DISTINCT name FROM metrics WHERE trial_id IN (SELECT id FROM trials WHERE sweep_id = ?) ORDER BY name");
  statement->bind(1, sweep_id);
  std::vector<std::string> names;
  while (statement->step()) names.push_back(statement->text(0));
  return names;
}

}  // namespace results
