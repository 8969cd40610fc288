// Connection: one open SQLite database, configured the way the result store needs it (WAL, busy
// timeout, foreign keys), with a per-connection cache of prepared statements for the hot paths.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "results/sqlite_statement.h"

struct sqlite3;

namespace results::sqlite {

enum class OpenMode {
  CreateIfMissing,  // the coordinator: a new sweep starts a new database
  ExistingOnly,     // queries: a mistyped --db must not leave an empty database behind
  ReadOnly,         // the dashboard: an existing database, opened SQLITE_OPEN_READONLY, never written
};

class Connection {
 public:
  // How long a statement waits for another process's write lock before failing with "database is locked".
  static constexpr int kBusyTimeoutMs = 5000;

  Connection(const std::string& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text (one or more statements) that returns no rows.
  void execute(std::string_view sql);
  // The cached prepared statement for sql, compiled on first use; reset when the borrower drops it.
  CachedStatement prepare(const std::string& sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  void configure();

  std::string path_;
  // Declared before the cache so the statements are finalized before the handle is closed.
  std::unique_ptr<sqlite3, Closer> db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace results::sqlite
