#include "results/sqlite_statement.h"

#include <sqlite3.h>

#include <cmath>
#include <limits>

#include "results/sqlite_error.h"

namespace results::sqlite {

namespace {

std::string describe(std::string_view action, const char* sql) {
  return std::string(action) + " `" + (sql != nullptr ? sql : "?") + "`";
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement_, nullptr);
  if (rc != SQLITE_OK) {
    throw_sqlite_error(db, rc, "preparing `" + std::string(sql) + "`");
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(statement_, index, value); rc != SQLITE_OK) {
    throw_sqlite_error(db_, rc, describe("binding an integer in", sql()));
  }
}

void Statement::bind(int index, double value) {
  if (std::isnan(value)) {
    bind_null(index);
    return;
  }
  if (const int rc = sqlite3_bind_double(statement_, index, value); rc != SQLITE_OK) {
    throw_sqlite_error(db_, rc, describe("binding a real in", sql()));
  }
}

void Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) {
    throw_sqlite_error(db_, rc, describe("binding text in", sql()));
  }
}

void Statement::bind_null(int index) {
  if (const int rc = sqlite3_bind_null(statement_, index); rc != SQLITE_OK) {
    throw_sqlite_error(db_, rc, describe("binding NULL in", sql()));
  }
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Reset here so the failed statement does not keep its transaction state for the next user.
  sqlite3_reset(statement_);
  throw_sqlite_error(db_, rc, describe("running", sql()));
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const {
  if (is_null(column)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(statement_, column);
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<int> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return sqlite3_column_double(statement_, column);
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

const char* Statement::sql() const { return sqlite3_sql(statement_); }

}  // namespace results::sqlite
