#include "results/sqlite_error.h"

#include <sqlite3.h>

#include <string>

#include "results/result_store.h"

namespace results::sqlite {

void throw_sqlite_error(sqlite3* db, int result_code, std::string_view doing) {
  std::string message = "results database: ";
  message += doing;
  message += ": ";
  // sqlite3_errmsg describes the most recent failure on the handle, which is this one;
  // without a handle only the code's generic text is known.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result_code);
  message += " (SQLite code " + std::to_string(result_code) + ")";
  if (db != nullptr) {
    if (const char* file = sqlite3_db_filename(db, "main"); file != nullptr && *file != '\0') {
      message += std::string(" in ") + file;
    }
  }
  throw StoreError(message);
}

}  // namespace results::sqlite
