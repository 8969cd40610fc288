// End-to-end tests of `sweep ls|best|trials|show|export`: the real CLI11 commands on a real database.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "orchestrator/app/commands.h"
#include "orchestrator/run/coordinator_lock.h"
#include "results/queries.h"
#include "orchestrator/app/table_printer.h"
#include "store_fixture.h"

using orchestrator::cli::CommandContext;
using results::ResultStore;
using results::TrialState;
using results_test::make_sweep;
using results_test::TempDirectory;

namespace {

struct CliRun {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Redirects std::cout and std::cerr into strings for one run, restoring them even if it throws.
class CapturedStreams {
 public:
  CapturedStreams() : old_out_(std::cout.rdbuf(out_.rdbuf())), old_err_(std::cerr.rdbuf(err_.rdbuf())) {}
  ~CapturedStreams() {
    std::cout.rdbuf(old_out_);
    std::cerr.rdbuf(old_err_);
  }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

 private:
  std::ostringstream out_, err_;
  std::streambuf* old_out_;
  std::streambuf* old_err_;
};

// The same wiring as orchestrator/main.cpp, with only the query commands.
CliRun run_sweep(std::vector<std::string> args) {
  CLI::App app{"sweep"};
  app.require_subcommand(1);
  CommandContext context;
  app.add_option("--db", context.db_path, "SQLite results database");
  orchestrator::cli::add_query_commands(app, context);
  std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order
  CapturedStreams streams;
  int code = 0;
  try {
    app.parse(args);
    code = context.exit_code;
  } catch (const CLI::ParseError& error) {
    code = app.exit(error) == 0 ? 0 : orchestrator::cli::kUsage;
  }
  return {code, streams.out(), streams.err()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Two sweeps: "old" (one trial) and "adam" (written last): trial 1 finished at 0.80, trial 2
// peaked at 0.90 and ended at 0.85, trial 3 diverged with a NaN after 0.5.
struct CliFixture {
  TempDirectory dir;
  std::string db = dir.file("results.db");
  // Both sweeps are stored as running; a coordinator holds each, so readers see them running.
  std::optional<orchestrator::CoordinatorLock> old_lock = orchestrator::CoordinatorLock::acquire(db, "old");
  std::optional<orchestrator::CoordinatorLock> adam_lock = orchestrator::CoordinatorLock::acquire(db, "adam");

  CliFixture() {
    ResultStore store = ResultStore::open(db);
    const auto old = store.create_sweep(make_sweep("old", "loss", "minimize"));
    results_test::add_trial(store, old, 1, R"({"lr":1})", "loss", {2.0, 1.0});
    const auto adam = store.create_sweep(make_sweep("adam"));
    const auto t1 = store.start_trial(adam, 1, 1, R"({"lr":0.001,"optimizer":"adam"})", "host-a");
    store.record_metrics(t1, {{1, "val_acc", 0.7}, {2, "val_acc", 0.8}, {1, "loss", 0.9}, {2, "loss", 0.6}});
    store.finish_trial(t1, TrialState::Finished, 0, "", "{}");
    const auto t2 = store.start_trial(adam, 2, 1, R"({"lr":0.01,"optimizer":"nadam"})", "host-b");
    store.record_metrics(t2, {{1, "val_acc", 0.9}, {2, "val_acc", 0.85}, {1, "loss", 0.5}, {2, "loss", 0.4}});
    store.finish_trial(t2, TrialState::Finished, 0, "epoch 1 done\nepoch 2 done", "{}");
    const auto t3 = store.start_trial(adam, 3, 1, R"({"lr":1.5,"optimizer":"sgd"})", "host-a");
    store.record_metrics(t3, {{1, "val_acc", 0.5}, {2, "val_acc", std::nan("")}, {1, "loss", 0.3}});
    store.finish_trial(t3, TrialState::Diverged, 0, "", R"({"cause":"nan"})");
  }

  CliRun run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_sweep(args);
  }
};

}  // namespace

TEST_CASE("TablePrinter aligns text left and numbers right, without trailing blanks") {
  orchestrator::cli::TablePrinter table;
  table.add_column("NAME");
  table.add_column("VALUE", orchestrator::cli::TablePrinter::Align::Right);
  table.add_column("NOTE");
  table.add_row({"a", "1.5", ""});
  table.add_row({"longer", "10", "x"});
  std::ostringstream out;
  table.print(out);
  CHECK(out.str() ==
        "NAME    VALUE  NOTE\n"
        "a         1.5\n"
        "longer     10  x\n");
  CHECK_THROWS_AS(table.add_row({"1", "2", "3", "4"}), std::invalid_argument);
}

TEST_CASE("describe_numbers folds runs into ranges") {
  CHECK(results::describe_numbers({4, 1, 2, 3, 7, 9, 10, 2}) == "1-4, 7, 9-10");
  CHECK(results::describe_numbers({}).empty());
}

TEST_CASE("no database: exit 4 with a clear message, and no file is created") {
  TempDirectory dir;
  const std::string missing = dir.file("nothing-here.db");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"ls"}, {"best", "--metric", "val_acc"}, {"trials"}, {"show", "1"},
        {"export", "--format", "csv"}}) {
    std::vector<std::string> args = {"--db", missing};
    args.insert(args.end(), command.begin(), command.end());
    const CliRun run = run_sweep(args);
    CHECK(run.exit_code == orchestrator::cli::kDatabase);
    CHECK(contains(run.err, "no results database at '" + missing + "'"));
    CHECK(run.out.empty());
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("ls: sweeps with counts by state and their best, as a table or JSON") {
  CliFixture fixture;
  const CliRun table = fixture.run({"ls"});
  INFO(table.out);
  REQUIRE(table.exit_code == 0);
  CHECK(contains(table.out, "NAME  METHOD  METRIC   GOAL      STATE    TRIALS  RUNNING  FINISHED  FAILED"));
  CHECK(contains(table.out, "adam  random  val_acc  maximize  running       3        0         2       0"));

  const CliRun json = fixture.run({"ls", "--json"});
  REQUIRE(json.exit_code == 0);
  const auto sweeps = nlohmann::json::parse(json.out);
  REQUIRE(sweeps.size() == 2);
  CHECK(sweeps[1]["name"] == "adam");
  CHECK(sweeps[1]["states"]["diverged"] == 1);
  CHECK(sweeps[1]["best_value"] == 0.9);
  CHECK(sweeps[1]["best_trial"] == 2);
  CHECK(sweeps[0]["best_value"] == 1.0);  // "old" minimizes loss
}

TEST_CASE("best: the best trial, its metrics and its flags; the sweep's goal by default") {
  CliFixture fixture;
  const CliRun run = fixture.run({"best", "--metric", "val_acc"});
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "sweep adam: best by val_acc (maximize)"));
  CHECK(contains(run.out, "RANK  TRIAL  val_acc  AT_STEP  STATE     DURATION  lr    optimizer\n"
                          "   1      2      0.9        1  finished"));
  // The ranked value is the best step's (step 1), not the last one's (0.85 at step 2).
  CHECK(contains(run.out, "trial 2: val_acc 0.9 at step 1; last values:\n"));
  CHECK(contains(run.out, "trainer flags:\n  --lr=0.01 --optimizer=nadam\n"));
  CHECK(contains(run.out, "  loss      0.4  (step 2)\n  val_acc  0.85  (step 2)\n"));  // the best trial's last values

  const CliRun top = fixture.run({"best", "--metric", "val_acc", "--top", "3", "--json"});
  REQUIRE(top.exit_code == 0);
  const auto document = nlohmann::json::parse(top.out);
  CHECK(document["goal"] == "maximize");
  REQUIRE(document["trials"].size() == 3);
  CHECK(document["trials"][0]["number"] == 2);
  CHECK(document["trials"][0]["step"] == 1);
  CHECK(document["trials"][1]["number"] == 1);
  CHECK(document["trials"][1]["step"] == 2);
  CHECK(document["trials"][2]["number"] == 3);  // its 0.5 counts; the NaN does not
  CHECK(document["trials"][0]["flags"] == "--lr=0.01 --optimizer=nadam");
  CHECK(document["trials"][0]["params"]["optimizer"] == "nadam");
}

TEST_CASE("best: another metric maximizes unless --goal says otherwise") {
  CliFixture fixture;
  const auto first_trial = [&](std::vector<std::string> args) {
    const CliRun run = fixture.run(args);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.out)["trials"][0]["number"].get<int>();
  };
  CHECK(first_trial({"best", "--metric", "loss", "--json"}) == 1);                        // 0.9 is the largest
  CHECK(first_trial({"best", "--metric", "loss", "--goal", "minimize", "--json"}) == 3);  // 0.3
  CHECK(first_trial({"best", "--metric", "loss", "--sweep", "old", "--json"}) == 1);
  CHECK(first_trial({"best", "--metric", "val_acc", "--goal", "minimize", "--json"}) == 3);
}

TEST_CASE("unknown sweep, trial or metric: exit 3 listing what exists") {
  CliFixture fixture;
  const CliRun sweep = fixture.run({"trials", "--sweep", "nope"});
  CHECK(sweep.exit_code == orchestrator::cli::kNotFound);
  CHECK(contains(sweep.err, "no sweep named 'nope'"));
  CHECK(contains(sweep.err, "sweeps: old, adam"));
  CHECK(sweep.out.empty());

  const CliRun metric = fixture.run({"best", "--metric", "val_accuracy"});
  CHECK(metric.exit_code == orchestrator::cli::kNotFound);
  CHECK(contains(metric.err, "recorded metrics: loss, val_acc"));

  const CliRun trial = fixture.run({"show", "9"});
  CHECK(trial.exit_code == orchestrator::cli::kNotFound);
  CHECK(contains(trial.err, "sweep 'adam' has no trial 9; its trials are 1-3"));
}

TEST_CASE("an empty database has no sweeps: ls says so, the others exit 3") {
  TempDirectory dir;
  const std::string db = dir.file("empty.db");
  { ResultStore store = ResultStore::open(db); }
  const CliRun ls = run_sweep({"--db", db, "ls"});
  CHECK(ls.exit_code == 0);
  CHECK(contains(ls.out, "no sweeps"));
  const CliRun trials = run_sweep({"--db", db, "trials"});
  CHECK(trials.exit_code == orchestrator::cli::kNotFound);
  CHECK(contains(trials.err, "no sweeps in"));
}

TEST_CASE("trials: one row per trial with params and the metric's best and last") {
  CliFixture fixture;
  const CliRun run = fixture.run({"trials"});
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "TRIAL  TRY  STATE     DURATION  lr     optimizer  val_acc best  val_acc last  loss last"));
  CHECK(contains(run.out, "    2    1  finished"));
  CHECK(contains(run.out, "0.01   nadam               0.9          0.85        0.4"));
  CHECK(contains(run.out, "diverged"));

  const CliRun json = fixture.run({"trials", "--sweep", "adam", "--json"});
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  REQUIRE(document["trials"].size() == 3);
  CHECK(document["trials"][2]["metrics"]["val_acc"]["last"].is_null());  // NaN
  CHECK(document["trials"][2]["best"] == 0.5);
}

TEST_CASE("show: facts, parameters, flags, metric history and log tail") {
  CliFixture fixture;
  const CliRun run = fixture.run({"show", "2"});
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "trial 2 of sweep adam (attempt 1)"));
  CHECK(contains(run.out, "host       host-b"));
  CHECK(contains(run.out, "--lr=0.01 --optimizer=nadam"));
  CHECK(contains(run.out, "  STEP  loss  val_acc\n     1   0.5      0.9\n     2   0.4     0.85\n"));
  CHECK(contains(run.out, "log tail:\n  epoch 1 done\n  epoch 2 done\n"));

  const CliRun json = fixture.run({"show", "3", "--json"});
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document["state"] == "diverged");
  CHECK(document["info"]["cause"] == "nan");
  REQUIRE(document["history"].size() == 2);
  CHECK(document["history"][1]["val_acc"].is_null());
  CHECK(document["history"][0]["loss"] == 0.3);
}

TEST_CASE("show: the summary as key = value, a matrix as a table, long values cut; --json has it whole") {
  CliFixture fixture;
  {
    ResultStore store = ResultStore::open(fixture.db);
    const auto trial = store.trial(store.find_sweep("adam")->id, 2);
    const std::string retrain = R"({"exit_code":0,"started_at":1764590400,"command":["trainer","--x=1"]})";
    store.set_summary(trial->id, {{"test_acc", "0.8923"},
                                  {"test_confusion", "[[90,5,5],[10,880,110],[0,1,99]]"},
                                  {"retrain", retrain},
                                  {"note", "\"" + std::string(300, 'n') + "\""}});
  }
  const CliRun run = fixture.run({"show", "2"});
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "\nsummary:\n  note = nnnn"));
  CHECK(contains(run.out, "n... (300 characters; --json has it all)\n"));
  CHECK(contains(run.out, "  retrain.command = [\"trainer\",\"--x=1\"]\n"));
  CHECK(contains(run.out, "  retrain.exit_code = 0\n"));
  CHECK(contains(run.out, "  retrain.started_at = 2025-12-01T12:00:00Z\n"));
  CHECK(contains(run.out, "  test_acc = 0.8923\n"));
  CHECK(contains(run.out,
                 "  test_confusion =\n"
                 "        0    1    2\n"
                 "    0  90    5    5\n"
                 "    1  10  880  110\n"
                 "    2   0    1   99\n"
                 "\nlog tail:"));
  CHECK_FALSE(contains(fixture.run({"show", "1"}).out, "summary:"));  // a trial without one has no section

  const auto document = nlohmann::json::parse(fixture.run({"show", "2", "--json"}).out);
  CHECK(document["summary"]["test_acc"] == 0.8923);
  CHECK(document["summary"]["test_confusion"][1][1] == 880);
  CHECK(document["summary"]["note"].get<std::string>().size() == 300);
  CHECK(document["summary"]["retrain"]["command"][0] == "trainer");
  CHECK(nlohmann::json::parse(fixture.run({"show", "1", "--json"}).out)["summary"] == nlohmann::json::object());

  // trials --json and export carry it too.
  const auto trials = nlohmann::json::parse(fixture.run({"trials", "--json"}).out)["trials"];
  CHECK(trials[1]["summary"]["test_acc"] == 0.8923);
  const auto exported = nlohmann::json::parse(fixture.run({"export", "--format", "json"}).out)["trials"];
  CHECK(exported[1]["summary"]["test_confusion"][0][0] == 90);
  CHECK(exported[0]["summary"] == nlohmann::json::object());
  const CliRun csv = fixture.run({"export", "--format", "csv"});
  CHECK(contains(csv.out, R"(""test_acc"":0.8923)"));
}

TEST_CASE("best --retrain: refused with --top, and --test or --spec need it") {
  CliFixture fixture;
  CHECK(fixture.run({"best", "--metric", "val_acc", "--retrain", "--top", "2"}).exit_code == orchestrator::cli::kUsage);
  CHECK(fixture.run({"best", "--metric", "val_acc", "--test"}).exit_code == orchestrator::cli::kUsage);
  CHECK(fixture.run({"best", "--metric", "val_acc", "--spec", "x.yaml"}).exit_code == orchestrator::cli::kUsage);
  const CliRun missing = fixture.run({"best", "--metric", "nope", "--retrain"});
  CHECK(missing.exit_code == orchestrator::cli::kNotFound);
  CHECK(contains(missing.err, "recorded metrics: loss, val_acc"));
}

TEST_CASE("export: CSV to a file, JSON to stdout") {
  CliFixture fixture;
  const std::string csv_path = fixture.dir.file("trials.csv");
  const CliRun csv = fixture.run({"export", "--format", "csv", "-o", csv_path});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.empty());
  std::ifstream file(csv_path);
  std::string header;
  std::getline(file, header);
  CHECK(header.rfind("sweep,number,attempt,state,", 0) == 0);
  CHECK(contains(header, "param.optimizer"));
  int rows = 0;
  for (std::string line; std::getline(file, line);) ++rows;
  CHECK(rows == 3);

  const CliRun json = fixture.run({"export", "--format", "json", "--sweep", "old"});
  REQUIRE(json.exit_code == 0);
  CHECK(nlohmann::json::parse(json.out)["sweep"]["name"] == "old");

  const CliRun bad = fixture.run({"export", "--format", "xml"});
  CHECK(bad.exit_code == orchestrator::cli::kUsage);
}

TEST_CASE("--help works on every query command and lists the exit codes") {
  for (const char* command : {"ls", "best", "trials", "show", "export"}) {
    const CliRun run = run_sweep({command, "--help"});
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "Exit codes:"));
  }
  CHECK(run_sweep({"best"}).exit_code == orchestrator::cli::kUsage);  // --metric is required
  CHECK(run_sweep({"show", "0"}).exit_code == orchestrator::cli::kUsage);
}
