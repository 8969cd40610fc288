// What changed in a sweep since a reader last looked: the queries behind the dashboard's live updates.
// A trial's activity is the latest of its start, end and last-heard times, all from the coordinator's clock.
#include "results/result_store.h"
#include "results/result_store_impl.h"

namespace results {

namespace {

// SQLite's scalar MAX of several arguments; ended_at and heard_at are NULL until they happen.
constexpr const char* kActivity = "MAX(started_at, COALESCE(ended_at, 0), COALESCE(heard_at, 0))";

}  // namespace

double ResultStore::last_activity(std::int64_t sweep_id) const {
  auto statement =
      impl_->connection.prepare(std::string("SELECT COALESCE(MAX(") + kActivity + "), 0) FROM trials WHERE sweep_id = ?");
  statement->bind(1, sweep_id);
  statement->step();
  return statement->real(0);
}

std::vector<TrialRecord> ResultStore::trials_active_since(std::int64_t sweep_id, double since) const {
  auto statement = impl_->connection.prepare(std::string("SELECT ") + kTrialColumns +
                                             " FROM trials WHERE sweep_id = ? AND " + kActivity +
                                             " > ? ORDER BY number, attempt");
  statement->bind(1, sweep_id);
  statement->bind(2, since);
  std::vector<TrialRecord> changed;
  while (statement->step()) changed.push_back(read_trial(*statement));
  return changed;
}

std::vector<MetricPoint> ResultStore::metric_points_after(std::int64_t trial_id, const std::string& name,
                                                          std::int64_t after_step) const {
  // The primary key (trial_id, name, step) makes this a range scan of the new rows only.
  auto statement = impl_->connection.prepare(
      "SELECT step, value FROM metrics WHERE trial_id = ? AND name = ? AND step > ? ORDER BY step");
  statement->bind(1, trial_id);
  statement->bind(2, name);
  statement->bind(3, after_step);
  std::vector<MetricPoint> points;
  while (statement->step()) points.push_back({.step = statement->int64(0), .name = name, .value = statement->real(1)});
  return points;
}

}  // namespace results
