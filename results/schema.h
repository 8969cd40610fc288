// Schema: the versioned layout of results.db. PRAGMA user_version holds the version; migrations
// bring an older database up to date in order, each in its own transaction.
#pragma once

#include <string>
#include <vector>

namespace results::sqlite {
class Connection;
}

namespace results {

struct Migration {
  int version;          // the user_version after this migration
  std::string summary;  // what it adds, for the README and error messages
  std::string sql;
};

// Every migration, oldest first; version i is migrations()[i - 1].
const std::vector<Migration>& migrations();
int current_schema_version();
int schema_version_of(sqlite::Connection& connection);

// Applies the migrations the database lacks, up to target_version (the current one by default).
// Refuses, with StoreError, a database whose version is newer than this program knows.
void migrate(sqlite::Connection& connection, int target_version = current_schema_version());

}  // namespace results
