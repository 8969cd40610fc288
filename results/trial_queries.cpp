// Reads of trials and metrics: one trial, a sweep's trials, a metric series, the best trials.
#include "results/result_store.h"
#include "results/result_store_impl.h"

namespace results {

std::vector<TrialRecord> ResultStore::trials(std::int64_t sweep_id) const {
  auto statement = impl_->connection.prepare(std::string("SELECT ") + kTrialColumns +
                                             " FROM trials WHERE sweep_id = ? ORDER BY number, attempt");
  statement->bind(1, sweep_id);
  std::vector<TrialRecord> all;
  while (statement->step()) all.push_back(read_trial(*statement));
  return all;
}

std::optional<TrialRecord> ResultStore::trial(std::int64_t sweep_id, int number) const {
  auto statement = impl_->connection.prepare(
      std::string("SELECT ") + kTrialColumns +
      " FROM trials WHERE sweep_id = ? AND number = ? ORDER BY attempt DESC LIMIT 1");
  statement->bind(1, sweep_id);
  statement->bind(2, number);
  if (!statement->step()) return std::nullopt;
  return read_trial(*statement);
}

std::vector<MetricPoint> ResultStore::metrics(std::int64_t trial_id) const {
  auto statement = impl_->connection.prepare(
      "SELECT step, name, value FROM metrics WHERE trial_id = ? ORDER BY step, name");
  statement->bind(1, trial_id);
  std::vector<MetricPoint> points;
  while (statement->step()) {
    points.push_back(MetricPoint{.step = statement->int64(0), .name = statement->text(1), .value = statement->real(2)});
  }
  return points;
}

std::map<std::int64_t, std::vector<MetricPoint>> ResultStore::metric_series(std::int64_t sweep_id,
                                                                             const std::string& name) const {
  auto statement = impl_->connection.prepare(
      "SELECT m.trial_id, m.step, m.value FROM metrics m JOIN trials t ON t.id = m.trial_id "
      "WHERE t.sweep_id = ? AND m.name = ? ORDER BY m.trial_id, m.step");
  statement->bind(1, sweep_id);
  statement->bind(2, name);
  std::map<std::int64_t, std::vector<MetricPoint>> series;
  while (statement->step()) {
    series[statement->int64(0)].push_back(MetricPoint{.step = statement->int64(1), .name = name, .value = statement->real(2)});
  }
  return series;
}

std::vector<std::pair<std::string, std::string>> ResultStore::summary(std::int64_t trial_id) const {
  auto statement = impl_->connection.prepare("SELECT key, value FROM summaries WHERE trial_id = ? ORDER BY key");
  statement->bind(1, trial_id);
  std::vector<std::pair<std::string, std::string>> values;
  while (statement->step()) values.emplace_back(statement->text(0), statement->text(1));
  return values;
}

std::vector<RankedTrial> ResultStore::best_trials(std::int64_t sweep_id, const std::string& metric, bool maximize,
                                                  int k) const {
  // NaN points are stored as NULL, which MAX and MIN skip, so a diverged step never ranks first.
  // Ties go to the earlier trial. SQLite reads LIMIT -1 as "no limit".
  const std::string aggregate = maximize ? "MAX" : "MIN";
  const std::string order = maximize ? "DESC" : "ASC";
  auto statement = impl_->connection.prepare(
      std::string("SELECT ") + kTrialColumns + ", best, best_step FROM trials JOIN "
      // With one MIN or MAX, SQLite takes a bare column (step) from the row that holds the extremum.
      "(SELECT trial_id, " + aggregate + "(value) AS best, step AS best_step FROM metrics WHERE name = ?1 "
      " AND trial_id IN (SELECT id FROM trials WHERE sweep_id = ?2) GROUP BY trial_id) ON trial_id = id "
      "WHERE best IS NOT NULL ORDER BY best " + order + ", number, attempt LIMIT ?3");
  statement->bind(1, metric);
  statement->bind(2, sweep_id);
  statement->bind(3, k > 0 ? k : -1);
  std::vector<RankedTrial> ranked;
  while (statement->step()) {
    ranked.push_back(RankedTrial{.trial = read_trial(*statement), .value = statement->real(kTrialColumnCount),
                                 .step = statement->int64(kTrialColumnCount + 1)});
  }
  return ranked;
}

}  // namespace results
