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

// Column lists in the order the readers below expect them, for `SELECT <columns> FROM sweeps|trials`.
extern const char* const kSweepColumns;
extern const char* const kTrialColumns;
SweepRecord read_sweep(const sqlite::Statement& row, int first_column = 0);
TrialRecord read_trial(const sqlite::Statement& row, int first_column = 0);

}  // namespace results
