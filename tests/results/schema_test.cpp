#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "results/result_store.h"
#include "results/schema.h"
#include "results/sqlite_connection.h"
#include "store_fixture.h"

using results::ResultStore;
using results::StoreError;
using results::sqlite::Connection;
using results::sqlite::OpenMode;
using results_test::TempDirectory;

namespace {

std::string pragma_text(Connection& connection, const std::string& pragma) {
  auto statement = connection.prepare("PRAGMA " + pragma);
  REQUIRE(statement->step());
  return statement->text(0);
}

bool has_object(Connection& connection, const std::string& type, const std::string& name) {
  auto statement = connection.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = ? AND name = ?");
  statement->bind(1, type);
  statement->bind(2, name);
  REQUIRE(statement->step());
  return statement->int64(0) == 1;
}

}  // namespace

TEST_CASE("a new database gets the current schema version, WAL and every table and view") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  { ResultStore store = ResultStore::open(path); }
  REQUIRE(std::filesystem::exists(path));

  Connection connection(path, OpenMode::ExistingOnly);
  CHECK(results::schema_version_of(connection) == ResultStore::schema_version());
  CHECK(ResultStore::schema_version() == static_cast<int>(results::migrations().size()));
  CHECK(pragma_text(connection, "journal_mode") == "wal");
  CHECK(pragma_text(connection, "foreign_keys") == "1");
  CHECK(pragma_text(connection, "synchronous") == "1");  // NORMAL
  for (const char* table : {"sweeps", "trials", "metrics"}) CHECK(has_object(connection, "table", table));
  for (const char* view : {"metric_summary", "latest_trials", "trial_params", "trial_best", "trial_summary", "sweep_summary"}) {
    CHECK(has_object(connection, "view", view));
  }
  CHECK(has_object(connection, "index", "trials_by_state"));
  CHECK(pragma_text(connection, "integrity_check") == "ok");
}

TEST_CASE("migrations run in order and keep the data of an older database") {
  TempDirectory dir;
  const std::string path = dir.file("old.db");
  {
    Connection connection(path, OpenMode::CreateIfMissing);
    results::migrate(connection, 1);
    CHECK(results::schema_version_of(connection) == 1);
    CHECK_FALSE(has_object(connection, "view", "sweep_summary"));
    connection.execute(
        "INSERT INTO sweeps (name, spec_text, spec_hash, method, metric, goal, state, created_at, updated_at) "
        "VALUES ('old', 'method: grid', 'h', 'grid', 'val_acc', 'maximize', 'finished', 1, 2);"
        "INSERT INTO trials (sweep_id, number, params, state, started_at) VALUES (1, 1, '{\"lr\":0.1}', 'finished', 1);"
        "INSERT INTO metrics (trial_id, name, step, value) VALUES (1, 'val_acc', 1, 0.5), (1, 'val_acc', 2, 0.7);");
  }
  ResultStore store = ResultStore::open(path);
  const auto summaries = store.sweep_summaries();  // needs the views of version 2
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].sweep.name == "old");
  CHECK(summaries[0].finished == 1);
  REQUIRE(summaries[0].best_value.has_value());
  CHECK(*summaries[0].best_value == doctest::Approx(0.7));

  Connection check(path, OpenMode::ExistingOnly);
  CHECK(results::schema_version_of(check) == ResultStore::schema_version());
}

TEST_CASE("migration versions are consecutive from 1") {
  const auto& all = results::migrations();
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].version == static_cast<int>(i) + 1);
    CHECK_FALSE(all[i].summary.empty());
  }
}

TEST_CASE("a database from a newer sweep is refused with the versions in the message") {
  TempDirectory dir;
  const std::string path = dir.file("future.db");
  { ResultStore store = ResultStore::open(path); }
  {
    Connection connection(path, OpenMode::ExistingOnly);
    connection.execute("PRAGMA user_version = " + std::to_string(ResultStore::schema_version() + 1));
  }
  for (const bool existing : {false, true}) {
    try {
      existing ? ResultStore::open_existing(path) : ResultStore::open(path);
      FAIL("a newer schema was accepted");
    } catch (const StoreError& error) {
      const std::string message = error.what();
      CHECK(message.find("schema version " + std::to_string(ResultStore::schema_version() + 1)) != std::string::npos);
      CHECK(message.find("newer") != std::string::npos);
    }
  }
}

TEST_CASE("open_existing on a missing file throws and creates nothing") {
  TempDirectory dir;
  const std::string path = dir.file("missing.db");
  CHECK_THROWS_AS(ResultStore::open_existing(path), StoreError);
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(std::filesystem::is_empty(dir.path()));  // no -wal or -shm either
}

TEST_CASE("a file that is not SQLite is a clear StoreError") {
  TempDirectory dir;
  const std::string path = dir.file("notes.txt");
  std::ofstream(path) << "this is not a database, just some text that is long enough to have a header\n";
  try {
    ResultStore::open_existing(path);
    FAIL("a text file opened as a database");
  } catch (const StoreError& error) {
    CHECK(std::string(error.what()).find("not a database") != std::string::npos);
  }
}

TEST_CASE("reopening an up-to-date database changes nothing") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  {
    ResultStore store = ResultStore::open(path);
    store.create_sweep(results_test::make_sweep("a"));
  }
  ResultStore again = ResultStore::open(path);
  CHECK(again.sweeps().size() == 1);
  ResultStore existing = ResultStore::open_existing(path);
  CHECK(existing.find_sweep("a").has_value());
}
