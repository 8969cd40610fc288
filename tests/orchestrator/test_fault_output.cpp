// Fault tests of what a trainer prints: bytes that are not UTF-8, a metrics line over the old 1 MiB
// limit and one over the 16 MiB limit, NaN values. No byte loses a metric, and every JSON output stays
// valid JSON.
#include <doctest/doctest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "results/utf8.h"
#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

std::string one_trial(const std::string& name, const std::string& parameters) {
  return fake_spec(name, "method: grid\nworkers: 1\nparameters:\n  x: {value: 0.5}\n  epochs: {value: 3}\n" + parameters);
}

struct FinishedTrial {
  results::TrialRecord record;
  std::vector<results::MetricPoint> points;
  std::vector<std::pair<std::string, std::string>> summary;
};

FinishedTrial run_one(const ScratchDir& dir, const std::string& name, const std::string& parameters) {
  const auto spec = write_file(dir / (name + ".yaml"), one_trial(name, parameters));
  const auto run = run_in_process(spec, dir / "results.db");
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto trials = store.trials(run.sweep_id);
  REQUIRE(trials.size() == 1);
  return {trials[0], store.metrics(trials[0].id), store.summary(trials[0].id)};
}

std::vector<double> values_of(const std::vector<results::MetricPoint>& points, const std::string& name) {
  std::vector<double> values;
  for (const auto& point : points)
    if (point.name == name) values.push_back(point.value);
  return values;
}

bool has_key(const std::vector<std::pair<std::string, std::string>>& summary, const std::string& key) {
  return std::any_of(summary.begin(), summary.end(), [&](const auto& entry) { return entry.first == key; });
}

}  // namespace

TEST_CASE("fault: a log tail of bytes that are not UTF-8 is stored repaired, and show --json is valid JSON") {
  ScratchDir dir;
  const auto trial = run_one(dir, "junk", "  junk_bytes: {value: 1}\n");
  CHECK(trial.record.state == TrialState::Finished);
  CHECK(results::is_valid_utf8(trial.record.log_tail));
  CHECK(trial.record.log_tail.find("caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD bytes") != std::string::npos);

  SweepProcess show(dir.path(), {"show", "1", "--json"});
  CAPTURE(show.err());
  REQUIRE(show.wait() == 0);
  const auto document = nlohmann::json::parse(show.out());
  CHECK(document["log_tail"].get<std::string>().find("\xEF\xBF\xBD bytes") != std::string::npos);
}

TEST_CASE("fault: a database whose rows hold bytes that are not UTF-8 still gives valid JSON everywhere") {
  ScratchDir dir;
  run_one(dir, "old", "");
  {
    // As an older sweep, or sqlite3 by hand, could have left it: raw bytes in the log tail and host.
    sqlite3* connection = nullptr;
    REQUIRE(sqlite3_open((dir / "results.db").c_str(), &connection) == SQLITE_OK);
    CHECK(sqlite3_exec(connection, "UPDATE trials SET log_tail = CAST(X'6361666520E9FF0A6F6B' AS TEXT), "
                                   "host = CAST(X'6E6F6465FE' AS TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(connection);
  }
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"show", "1", "--json"}, {"trials", "--json"}, {"ls", "--json"},
        {"best", "--metric", "val_acc", "--json"}, {"export", "--format", "json"}}) {
    CAPTURE(command.front());
    SweepProcess query(dir.path(), command);
    CAPTURE(query.err());
    REQUIRE(query.wait() == 0);
    CHECK(results::is_valid_utf8(query.out()));
    CHECK_FALSE(nlohmann::json::parse(query.out(), nullptr, false).is_discarded());
  }
  SweepProcess show(dir.path(), {"show", "1", "--json"});
  REQUIRE(show.wait() == 0);
  const std::string tail = nlohmann::json::parse(show.out())["log_tail"];
  CHECK(tail.starts_with("cafe \xEF\xBF\xBD"));  // each bad byte shown as U+FFFD, the rest as it was
  CHECK(tail.ends_with("\nok"));
}

TEST_CASE("fault: a metrics line with a string that is not UTF-8 keeps its numbers and says what it skipped") {
  ScratchDir dir;
  const auto trial = run_one(dir, "label", "  junk_bytes: {value: 1}\n");
  CHECK(values_of(trial.points, "val_acc").size() == 3);  // one per epoch: no line was dropped
  CHECK(has_key(trial.summary, "note"));                  // the line's valid strings are kept too
  CHECK_FALSE(has_key(trial.summary, "label"));
  CHECK(trial.record.log_tail.find("metrics line at step 1: skipped label (not valid UTF-8)") != std::string::npos);
}

TEST_CASE("fault: a 2 MiB metrics line is parsed whole") {
  ScratchDir dir;
  const auto trial = run_one(dir, "big", "  big_line_bytes: {value: 2097152}\n");
  CHECK(values_of(trial.points, "val_acc").size() == 3);  // epoch 1's line included
  REQUIRE(has_key(trial.summary, "blob"));
  CHECK(trial.record.info_json.find("lines_cut") == std::string::npos);
}

TEST_CASE("fault: a line over the 16 MiB limit is cut, and the cut is recorded") {
  ScratchDir dir;
  const auto trial = run_one(dir, "huge", "  big_line_bytes: {value: 17000000}\n");
  const auto val_acc = values_of(trial.points, "val_acc");
  CHECK(val_acc.size() == 2);  // epochs 2 and 3: the lines after the cut one are read as before
  CHECK(trial.record.log_tail.find("line above was 170000") != std::string::npos);  // its length, to the byte
  CHECK(trial.record.log_tail.find(" bytes, over the 16 MiB line limit: cut, so not read as metrics") !=
        std::string::npos);
  CHECK(nlohmann::json::parse(trial.record.info_json)["lines_cut"] == 1);
  CHECK(trial.record.log_tail.size() < 20000);  // the cut line itself is kept only as a short start
}

TEST_CASE("fault: a NaN metric is stored as a NULL point, as the README says") {
  ScratchDir dir;
  const auto trial = run_one(dir, "nan", "  diverge_at: {value: 2}\n  sleep_ms: {value: 300}\n");
  CHECK(trial.record.state == TrialState::Diverged);
  const auto loss = values_of(trial.points, "loss");
  REQUIRE(loss.size() == 2);  // epoch 1, and epoch 2's NaN; the trial is stopped before epoch 3 ends
  CHECK(std::isfinite(loss[0]));
  CHECK(std::isnan(loss[1]));
  sqlite3* connection = nullptr;
  REQUIRE(sqlite3_open_v2((dir / "results.db").c_str(), &connection, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(connection, "SELECT COUNT(*) FROM metrics WHERE name = 'loss' AND step = 2 AND value IS NULL",
                             -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(sqlite3_column_int(statement, 0) == 1);
  sqlite3_finalize(statement);
  sqlite3_close(connection);
  // A NaN is never a best value: val_acc still ranks by its finite points.
  SweepProcess best(dir.path(), {"best", "--metric", "loss", "--goal", "minimize", "--json"});
  REQUIRE(best.wait() == 0);
  CHECK(nlohmann::json::parse(best.out())["trials"][0]["value"].get<double>() == doctest::Approx(loss[0]));
}
