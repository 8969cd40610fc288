#include "results/result_store.h"

#include <chrono>

#include "results/result_store_impl.h"
#include "results/schema.h"
#include "results/sqlite_transaction.h"

namespace results {

const char* const kSweepColumns =
    "id, name, spec_text, spec_hash, method, metric, goal, state, created_at, updated_at";
const char* const kTrialColumns =
    "id, sweep_id, number, attempt, params, state, exit_code, started_at, ended_at, host, log_tail, info, heard_at";

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void run_row_update(sqlite::Connection& connection, sqlite::Statement& update, const std::string& missing) {
  update.run();
  if (connection.changes() == 0) throw StoreError("results database: no " + missing);
}

SweepRecord read_sweep(const sqlite::Statement& row, int first_column) {
  const int c = first_column;
  return SweepRecord{.id = row.int64(c),
                     .name = row.text(c + 1),
                     .spec_text = row.text(c + 2),
                     .spec_hash = row.text(c + 3),
                     .method = row.text(c + 4),
                     .metric = row.text(c + 5),
                     .goal = row.text(c + 6),
                     .state = row.text(c + 7),
                     .created_at = row.real(c + 8),
                     .updated_at = row.real(c + 9)};
}

TrialRecord read_trial(const sqlite::Statement& row, int first_column) {
  const int c = first_column;
  const std::string state = row.text(c + 5);
  const std::optional<TrialState> parsed = parse_trial_state(state);
  if (!parsed) {
    throw StoreError("results database: trial " + std::to_string(row.int64(c)) + " has unknown state '" + state +
                     "'");
  }
  return TrialRecord{.id = row.int64(c),
                     .sweep_id = row.int64(c + 1),
                     .number = row.integer(c + 2),
                     .attempt = row.integer(c + 3),
                     .params_json = row.text(c + 4),
                     .state = *parsed,
                     .exit_code = row.optional_integer(c + 6),
                     .started_at = row.real(c + 7),
                     .ended_at = row.optional_real(c + 8),
                     .host = row.text(c + 9),
                     .log_tail = row.text(c + 10),
                     .info_json = row.text(c + 11),
                     .heard_at = row.optional_real(c + 12)};
}

ResultStore::ResultStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStore::~ResultStore() = default;
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;

ResultStore ResultStore::open(const std::string& path) {
  auto impl = std::make_unique<Impl>(path, sqlite::OpenMode::CreateIfMissing);
  migrate(impl->connection);
  return ResultStore(std::move(impl));
}

ResultStore ResultStore::open_existing(const std::string& path) {
  auto impl = std::make_unique<Impl>(path, sqlite::OpenMode::ExistingOnly);
  migrate(impl->connection);
  return ResultStore(std::move(impl));
}

ResultStore ResultStore::open_read_only(const std::string& path) {
  auto impl = std::make_unique<Impl>(path, sqlite::OpenMode::ReadOnly);
  const int version = schema_version_of(impl->connection);
  if (version != current_schema_version()) {
    throw StoreError("results database '" + path + "' has schema version " + std::to_string(version) + ", not the " +
                     std::to_string(current_schema_version()) + " a read-only reader needs" +
                     (version < current_schema_version() ? " (any other `sweep` command on it upgrades it)"
                                                         : "; use a newer sweep binary to read it"));
  }
  return ResultStore(std::move(impl));
}

int ResultStore::schema_version() { return current_schema_version(); }

const std::string& ResultStore::path() const { return impl_->connection.path(); }

std::optional<SweepRecord> ResultStore::find_sweep(const std::string& name) const {
  auto statement = impl_->connection.prepare(std::string("SELECT ") + kSweepColumns + " FROM sweeps WHERE name = ?");
  statement->bind(1, name);
  if (!statement->step()) return std::nullopt;
  return read_sweep(*statement);
}

std::int64_t ResultStore::create_sweep(const SweepRecord& sweep) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare(
      "INSERT INTO sweeps (name, spec_text, spec_hash, method, metric, goal, state, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const double now = now_seconds();
  statement->bind(1, sweep.name);
  statement->bind(2, sweep.spec_text);
  statement->bind(3, sweep.spec_hash);
  statement->bind(4, sweep.method);
  statement->bind(5, sweep.metric);
  statement->bind(6, sweep.goal.empty() ? std::string("maximize") : sweep.goal);
  statement->bind(7, sweep.state.empty() ? std::string("running") : sweep.state);
  statement->bind(8, now);
  statement->bind(9, now);
  statement->run();
  const std::int64_t id = connection.last_insert_rowid();
  transaction.commit();
  return id;
}

void ResultStore::delete_sweep(std::int64_t sweep_id) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare("DELETE FROM sweeps WHERE id = ?");  // trials and metrics cascade
  statement->bind(1, sweep_id);
  statement->run();
  transaction.commit();
}

void ResultStore::set_sweep_state(std::int64_t sweep_id, const std::string& state) {
  auto& connection = impl_->connection;
  sqlite::Transaction transaction(connection);
  auto statement = connection.prepare("UPDATE sweeps SET state = ?, updated_at = ? WHERE id = ?");
  statement->bind(1, state);
  statement->bind(2, now_seconds());
  statement->bind(3, sweep_id);
  run_row_update(connection, *statement, "sweep with id " + std::to_string(sweep_id) + " to set to '" + state + "'");
  transaction.commit();
}

std::vector<SweepRecord> ResultStore::sweeps() const {
  auto statement = impl_->connection.prepare(std::string("SELECT ") + kSweepColumns + " FROM sweeps ORDER BY id");
  std::vector<SweepRecord> all;
  while (statement->step()) all.push_back(read_sweep(*statement));
  return all;
}

std::optional<SweepRecord> ResultStore::latest_sweep() const {
  // A running sweep is written to by its trials, not by its own row, so the latest trial start counts too.
  auto statement = impl_->connection.prepare(
      std::string("SELECT ") + kSweepColumns +
      " FROM sweeps ORDER BY MAX(updated_at, COALESCE((SELECT MAX(started_at) FROM trials WHERE sweep_id = sweeps.id), 0))"
      " DESC, id DESC LIMIT 1");
  if (!statement->step()) return std::nullopt;
  return read_sweep(*statement);
}

}  // namespace results
