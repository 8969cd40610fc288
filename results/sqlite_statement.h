// Statement: one prepared SQLite statement with typed binds and column reads.
// CachedStatement lends a connection's cached statement and resets it when the borrower is done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace results::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is copied, so temporaries are safe to bind.
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, double value);  // NaN is stored as NULL (SQLite has no NaN)
  void bind(int index, std::string_view value);
  void bind(int index, const char* value) { bind(index, std::string_view(value)); }
  void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
  void bind_null(int index);
  template <typename T>
  void bind(int index, const std::optional<T>& value) {
    if (value) {
      bind(index, *value);
    } else {
      bind_null(index);
    }
  }

  // Steps once: true when a row is ready to read, false when the statement is done.
  bool step();
  // Runs a statement that returns no rows to completion.
  void run();

  bool is_null(int column) const;  // columns are 0-based, as in SQLite
  std::int64_t int64(int column) const;
  int integer(int column) const { return static_cast<int>(int64(column)); }
  double real(int column) const;  // NULL reads as NaN
  std::string text(int column) const;
  std::optional<int> optional_integer(int column) const;
  std::optional<double> optional_real(int column) const;

  // Ends any pending read and forgets the bound values, ready for the next use.
  void reset();
  const char* sql() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// A borrowed statement from Connection's cache. Resetting on scope exit matters: a statement left
// mid-read keeps its read transaction open, which in WAL mode blocks checkpoints.
class CachedStatement {
 public:
  explicit CachedStatement(Statement& statement) : statement_(&statement) {}
  ~CachedStatement() { statement_->reset(); }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

}  // namespace results::sqlite
