// Integration tests of `sweep best --retrain [--test]` with the real `sweep` binary and fake_trainer:
// the best trial's argv is run again and its results land in that trial's summary, nowhere else.
#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "test_run_support.h"

using namespace run_test;

namespace {

struct Ran {
  int code = -1;
  std::string out;
  std::string err;
};

Ran run_sweep_binary(const fs::path& directory, const std::vector<std::string>& args) {
  SweepProcess process(directory, args);
  const auto code = process.wait();
  REQUIRE(code);
  return {*code, process.out(), process.err()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Trial 2 (x = 0.6) is the best of the three by val_acc.
std::string three_trials(const std::string& extra = "") {
  return R"(method: grid
metric: {name: val_acc, goal: maximize}
workers: 2
parameters:
  x: {values: [0.3, 0.6, 0.9]}
  epochs: {value: 3}
)" + extra;
}

// A finished sweep in dir, run by the real `sweep run`.
void run_sweep(const ScratchDir& dir, const std::string& spec_name, const std::string& spec_text) {
  write_file(dir / spec_name, spec_text);
  const Ran ran = run_sweep_binary(dir.path(), {"run", spec_name});
  INFO(ran.err);
  REQUIRE(ran.code == 0);
}

struct Snapshot {
  std::vector<results::TrialRecord> trials;
  std::map<int, std::size_t> points;                   // metric points by trial number
  std::map<int, std::map<std::string, nlohmann::json>> summaries;  // by trial number
};

Snapshot snapshot(const ScratchDir& dir, const std::string& sweep) {
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto record = store.find_sweep(sweep);
  REQUIRE(record);
  Snapshot snap;
  snap.trials = store.trials(record->id);
  for (const auto& trial : snap.trials) {
    snap.points[trial.number] = store.metrics(trial.id).size();
    for (const auto& [key, value] : store.summary(trial.id)) {
      snap.summaries[trial.number][key] = nlohmann::json::parse(value);
    }
  }
  return snap;
}

}  // namespace

TEST_CASE("best --retrain --test: reruns the best trial with --test and stores its test metrics in its summary") {
  ScratchDir dir;
  run_sweep(dir, "three.yaml", fake_spec("three", three_trials()));
  const Snapshot before = snapshot(dir, "three");
  REQUIRE(before.trials.size() == 3);
  CHECK(before.summaries.empty());

  const Ran ran = run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--test"});
  INFO(ran.out);
  INFO(ran.err);
  REQUIRE(ran.code == 0);
  CHECK(contains(ran.out, "sweep three: best by val_acc (maximize)"));  // the best trial, as `sweep best` shows it
  CHECK(contains(ran.out, "--epochs=3 --x=0.6"));
  CHECK(contains(ran.out, "retrained trial 2: exit code 0"));
  CHECK(contains(ran.out, "test_acc 0.85625  test_loss 0.14375\n"));
  // Side by side: the value the sweep ranked, the retrain's at the same step, and the network it kept.
  CHECK(contains(ran.out, "  ranked val_acc at step 3:      0.86625\n"));
  CHECK(contains(ran.out, "  retrained val_acc at step 3:   0.86625  (every step identical, bit for bit)\n"));
  CHECK(contains(ran.out, "  kept network:                the last step's (3), val_acc 0.86625\n"));
  CHECK(contains(ran.err, "retrain: epoch 1/3 val_acc 0.495\n"));
  CHECK(contains(ran.err, "retrain: epoch 3/3 val_acc 0.86625 test_acc 0.85625 test_loss 0.14375\n"));
  CHECK(contains(ran.err, "fake_trainer: done"));  // its stderr passes through

  const Snapshot after = snapshot(dir, "three");
  CHECK(after.trials.size() == 3);   // no trial row added
  CHECK(after.points == before.points);  // and no metric point: the ranking cannot change
  REQUIRE(after.summaries.size() == 1);
  const auto& summary = after.summaries.at(2);
  CHECK(summary.at("test_acc").get<double>() == doctest::Approx(0.85625));
  CHECK(summary.at("test_loss").get<double>() == doctest::Approx(0.14375));
  CHECK(summary.at("test_confusion") == nlohmann::json::parse("[[86,14,0],[0,86,14],[14,0,86]]"));
  const auto& retrain = summary.at("retrain");
  CHECK(retrain["exit_code"] == 0);
  // The coordinator's argv (the default command starts with ${env}), with --test appended.
  CHECK(retrain["command"] == nlohmann::json({"/usr/bin/env", SWEEP_FAKE_TRAINER, "--epochs=3", "--x=0.6", "--test"}));
  CHECK(retrain["last"]["step"] == 3);
  CHECK(retrain["comparison"]["ranked_step"] == 3);
  CHECK(retrain["comparison"]["identical"] == true);
  CHECK(retrain["comparison"]["value_at_ranked_step"].get<double>() == doctest::Approx(0.86625));
  CHECK(retrain["last"]["val_acc"].get<double>() == doctest::Approx(0.86625));
  CHECK(retrain["duration_s"].get<double>() >= 0);
  CHECK(retrain["started_at"].get<double>() > 1.7e9);

  // `sweep show` prints the summary; --json of a second retrain carries the test metrics.
  const Ran show = run_sweep_binary(dir.path(), {"show", "2"});
  CHECK(contains(show.out, "summary:\n"));
  CHECK(contains(show.out, "  retrain.exit_code = 0\n"));
  CHECK(contains(show.out, "  test_acc = 0.85625\n"));
  CHECK(contains(show.out, "  test_confusion =\n"));
  const Ran json = run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--test", "--json"});
  REQUIRE(json.code == 0);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document["trials"][0]["number"] == 2);
  CHECK(document["test"]["test_acc"].get<double>() == doctest::Approx(0.85625));
  CHECK(document["test"]["test_confusion"][0][0] == 86);
  CHECK(document["retrain"]["exit_code"] == 0);
  CHECK(snapshot(dir, "three").trials.size() == 3);
}

TEST_CASE("best --retrain: a failing trainer exits 1, names its exit and records it; no test metrics stored") {
  ScratchDir dir;
  run_sweep(dir, "fails.yaml", fake_spec("fails", three_trials("  fail_test: {value: 1}\n")));
  const Ran ran = run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--test"});
  INFO(ran.err);
  CHECK(ran.code == 1);
  CHECK(contains(ran.err, "the retrained trial failed: exit code 5"));
  CHECK(contains(ran.err, "fake_trainer: failing the test evaluation"));
  const Snapshot after = snapshot(dir, "fails");
  CHECK(after.trials.size() == 3);
  REQUIRE(after.summaries.count(2) == 1);
  const auto& summary = after.summaries.at(2);
  CHECK(summary.at("retrain")["exit_code"] == 5);
  CHECK(summary.at("retrain")["last"]["step"] == 2);  // the last record it printed
  CHECK(summary.count("test_acc") == 0);

  // Without --test it succeeds: the retrain record is replaced.
  const Ran plain = run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain"});
  CHECK(plain.code == 0);
  CHECK(snapshot(dir, "fails").summaries.at(2).at("retrain")["exit_code"] == 0);
}

TEST_CASE("best --retrain: a program next to the spec needs --spec; unknown sweep or metric is exit 3") {
  ScratchDir dir;
  fs::create_directory(dir / "specs");
  fs::create_symlink(SWEEP_FAKE_TRAINER, dir / "specs" / "my_trainer");
  write_file(dir / "specs" / "near.yaml", "name: near\nprogram: my_trainer\n" + three_trials());
  const Ran sweep = run_sweep_binary(dir.path(), {"run", "specs/near.yaml"});
  REQUIRE(sweep.code == 0);

  const Ran lost = run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain"});
  CHECK(lost.code == 2);
  CHECK(contains(lost.err, "\"my_trainer\" of sweep 'near' was not found in the current directory or on PATH"));
  CHECK(contains(lost.err, "pass --spec FILE"));
  CHECK(lost.out.empty());

  const Ran found =
      run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--spec", "specs/near.yaml"});
  INFO(found.err);
  CHECK(found.code == 0);
  CHECK_FALSE(contains(found.err, "differs"));
  CHECK(snapshot(dir, "near").summaries.at(2).at("retrain")["exit_code"] == 0);
  // A spec file that is not the one the sweep ran: the stored spec runs, with a warning.
  write_file(dir / "specs" / "edited.yaml", "# edited\nname: near\nprogram: my_trainer\n" + three_trials());
  const Ran edited =
      run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--spec", "specs/edited.yaml"});
  CHECK(edited.code == 0);
  CHECK(contains(edited.err, "specs/edited.yaml differs from the spec sweep 'near' ran with"));

  CHECK(run_sweep_binary(dir.path(), {"best", "--metric", "val_accuracy", "--retrain"}).code == 3);
  CHECK(run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--sweep", "nope"}).code == 3);
  CHECK(run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--test"}).code == 2);  // --test needs --retrain
  CHECK(run_sweep_binary(dir.path(), {"best", "--metric", "val_acc", "--retrain", "--db", "none.db"}).code == 4);
}

TEST_CASE("best --retrain: Ctrl-C stops the trainer and exits 130, storing nothing") {
  ScratchDir dir;
  run_sweep(dir, "slow.yaml", fake_spec("slow", R"(method: grid
metric: {name: val_acc, goal: maximize}
parameters:
  x: {value: 0.6}
  epochs: {value: 40}
  sleep_ms: {value: 20}
)"));
  SweepProcess retrain(dir.path(), {"best", "--metric", "val_acc", "--retrain"});
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!contains(retrain.err(), "retrain: epoch 2/40") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  REQUIRE(contains(retrain.err(), "retrain: epoch 2/40"));
  retrain.signal(SIGINT);
  const auto code = retrain.wait(3s);
  REQUIRE(code);
  CHECK(*code == 130);
  CHECK(contains(retrain.err(), "retrain: interrupted"));
  CHECK_FALSE(contains(retrain.err(), "retrain: epoch 40/40"));
  CHECK(snapshot(dir, "slow").summaries.empty());
}
