// ResultStore::Impl and the row readers shared by the store's source files (private to results/).
// One connection per store; the store's files each hold one group of its operations.
#pragma once

#include "results/result_store.h"
#include "results/sqlite_connection.h"

namespace results {

struct ResultStore::Impl {
  explicit Impl(const std::string& path, sqlite::OpenMode mode) : connection(path, mode) {}
  // Queries are const on the store but borrow cached statements, which the connection owns.
  sqlite::Connection connection;
};

double now_seconds();

// Runs an UPDATE of one row that must exist; throws StoreError("results database: no <missing>") when it
// changed nothing, so a write to a row that is gone is never silently lost.
void run_row_update(sqlite::Connection& connection, sqlite::Statement& update, const std::string& missing);

// Column lists in the order the readers below expect them, for `SELECT <columns> FROM sweeps|trials`.
extern const char* const kSweepColumns;
extern const char* const kTrialColumns;
inline constexpr int kTrialColumnCount = 13;  // a query's own columns after kTrialColumns start here
SweepRecord read_sweep(const sqlite::Statement& row, int first_column = 0);
TrialRecord read_trial(const sqlite::Statement& row, int first_column = 0);

}  // namespace results
