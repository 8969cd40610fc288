#include "results/sqlite_transaction.h"

#include "results/sqlite_connection.h"

namespace results::sqlite {

// IMMEDIATE takes the write lock up front, where the busy timeout applies. A deferred transaction
// that reads first and then writes can fail at once with SQLITE_BUSY when another writer holds the
// lock, because waiting could deadlock.
Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.prepare("BEGIN IMMEDIATE")->run();
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.prepare("ROLLBACK")->run();
  } catch (...) {
    // A rollback fails only when SQLite already rolled back (e.g. after an I/O error); nothing is left to undo.
  }
}

void Transaction::commit() {
  connection_.prepare("COMMIT")->run();
  open_ = false;
}

}  // namespace results::sqlite
