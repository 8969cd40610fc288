#include "results/sqlite_connection.h"

#include <sqlite3.h>

#include <filesystem>

#include "results/result_store.h"
#include "results/sqlite_error.h"

namespace results::sqlite {

void Connection::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Connection::Connection(const std::string& path, OpenMode mode) : path_(path) {
  if (mode != OpenMode::CreateIfMissing && !std::filesystem::exists(path)) {
    throw StoreError("no results database at '" + path +
                     "' (it is created by `sweep run SPEC`; pass --db PATH to read another one)");
  }
  int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == OpenMode::CreateIfMissing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // sqlite3_open_v2 may return a handle even on failure; it must still be closed
  if (rc != SQLITE_OK) {
    throw_sqlite_error(raw, rc, "opening '" + path + "'");
  }
  sqlite3_extended_result_codes(raw, 1);
  if (mode == OpenMode::ReadOnly) {
    // A reader changes nothing, not even the journal mode: WAL was set by the database's writer, and a
    // read-only connection reads a WAL database without taking the writer's lock.
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    return;
  }
  configure();
}

Connection::~Connection() = default;

void Connection::configure() {
  sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  // WAL lets `sweep best` and friends read while the coordinator writes, without blocking either side.
  // The first read also tells a file that is not SQLite apart, with SQLite's "file is not a database".
  {
    Statement journal(db_.get(), "PRAGMA journal_mode=WAL");
    if (journal.step() && journal.text(0) != "wal" && journal.text(0) != "memory") {
      throw StoreError("results database: could not switch '" + path_ + "' to WAL mode (journal mode is " +
                       journal.text(0) + ")");
    }
  }
  // synchronous=NORMAL in WAL mode syncs only at checkpoints, not at every commit. A commit is then
  // durable against a crash of the process (kill -9, a bug, Ctrl-C): the WAL is in the OS page cache
  // and the next opener replays it. Only an OS crash or power loss can drop the last commits, and
  // never corrupts the file. "No finished trial lost when the coordinator dies" needs exactly the
  // former, and skipping an fsync per commit is what lets the coordinator record hundreds of trials/s.
  execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

void Connection::execute(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);  // the handle's errmsg says the same and throw_sqlite_error reads it
    throw_sqlite_error(db_.get(), rc, "running `" + text + "`");
  }
}

CachedStatement Connection::prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    found = statements_.emplace(sql, std::make_unique<Statement>(db_.get(), sql)).first;
  }
  return CachedStatement(*found->second);
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

int Connection::changes() const { return sqlite3_changes(db_.get()); }

}  // namespace results::sqlite
