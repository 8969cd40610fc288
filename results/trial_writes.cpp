// The coordinator's writes to trials and metrics. Each call is one transaction, so a trial's row is
// durable as soon as the call returns (see the synchronous=NORMAL note in sqlite_connection.cpp).
#include "results/result_store.h"
#include "results/result_store_impl.h"
#include "results/sqlite_transaction.h"

namespace results {

namespace {

// Inside the caller's transaction.
void mark_heard(sqlite::Connection& connection, std::int64_t trial_id, double when) {
  auto statement = connection.prepare("UPDATE trials SET heard_at = ? WHERE id = ?");
  statement->bind(1, when);
  statement->bind(2, trial_id);
  statement->run();
}

}  // namespace

std::int64_t ResultStore::start_trial(std::int64_t sweep_id, int number, int attempt, const std::string& params_json,
                                      const std::string& host) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare(
      "INSERT INTO trials (sweep_id, number, attempt, params, state, started_at, host) "
      "VALUES (?, ?, ?, ?, 'running', ?, ?)");
  statement->bind(1, sweep_id);
  statement->bind(2, number);
  statement->bind(3, attempt);
  statement->bind(4, params_json);
  statement->bind(5, now_seconds());
  statement->bind(6, host);
  statement->run();
  const std::int64_t id = connection.last_insert_rowid();
  transaction.commit();
  return id;
}

void ResultStore::record_metrics(std::int64_t trial_id, const std::vector<MetricPoint>& points) {
  if (points.empty()) return;
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  // A step reported twice keeps its last value: a trainer that re-logs an epoch means the newer one.
  auto statement = connection.prepare(
      "INSERT INTO metrics (trial_id, name, step, value) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (trial_id, name, step) DO UPDATE SET value = excluded.value");
  for (const MetricPoint& point : points) {
    statement->bind(1, trial_id);
    statement->bind(2, point.name);
    statement->bind(3, point.step);
    statement->bind(4, point.value);
    statement->run();
    statement->reset();
  }
  mark_heard(connection, trial_id, now_seconds());
  transaction.commit();
}

void ResultStore::heard_from(const std::vector<std::int64_t>& trial_ids) {
  if (trial_ids.empty()) return;
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  const double now = now_seconds();
  for (const std::int64_t id : trial_ids) mark_heard(connection, id, now);
  transaction.commit();
}

void ResultStore::finish_trial(std::int64_t trial_id, TrialState state, std::optional<int> exit_code,
                               const std::string& log_tail, const std::string& info_json) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare(
      "UPDATE trials SET state = ?, exit_code = ?, ended_at = ?, log_tail = ?, info = ? WHERE id = ?");
  statement->bind(1, to_string(state));
  statement->bind(2, exit_code);
  statement->bind(3, now_seconds());
  statement->bind(4, log_tail);
  statement->bind(5, info_json.empty() ? std::string("{}") : info_json);
  statement->bind(6, trial_id);
  run_row_update(connection, *statement, "trial with id " + std::to_string(trial_id) + " to finish");
  transaction.commit();
}

void ResultStore::set_trial_info(std::int64_t trial_id, const std::string& info_json) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare("UPDATE trials SET info = ? WHERE id = ?");
  statement->bind(1, info_json.empty() ? std::string("{}") : info_json);
  statement->bind(2, trial_id);
  run_row_update(connection, *statement, "trial with id " + std::to_string(trial_id) + " to set info on");
  transaction.commit();
}

void ResultStore::set_summary(std::int64_t trial_id, const std::vector<std::pair<std::string, std::string>>& values) {
  if (values.empty()) return;
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare(
      "INSERT INTO summaries (trial_id, key, value) VALUES (?, ?, json(?)) "
      "ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value");
  for (const auto& [key, value] : values) {
    statement->bind(1, trial_id);
    statement->bind(2, key);
    statement->bind(3, value);
    statement->run();
    statement->reset();
  }
  transaction.commit();
}

int ResultStore::mark_orphaned_trials(std::int64_t sweep_id) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  // The cause goes into info so `sweep show` can tell an orphan from a trial the coordinator killed. It
  // ended when it was last heard from: the coordinator's death took it along (TrialGroupGuardian), and
  // the time until this resume was no trial's compute.
  auto statement = connection.prepare(
      "UPDATE trials SET state = 'killed', ended_at = COALESCE(heard_at, started_at), "
      "info = json_set(info, '$.cause', 'orphaned') WHERE sweep_id = ? AND state = 'running'");
  statement->bind(1, sweep_id);
  statement->run();
  const int marked = connection.changes();
  transaction.commit();
  return marked;
}

}  // namespace results
