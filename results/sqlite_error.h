// Turns a failed SQLite call into a StoreError that says what was being done, in which database,
// and what SQLite reported.
#pragma once

#include <string_view>

struct sqlite3;

namespace results::sqlite {

[[noreturn]] void throw_sqlite_error(sqlite3* db, int result_code, std::string_view doing);

}  // namespace results::sqlite
