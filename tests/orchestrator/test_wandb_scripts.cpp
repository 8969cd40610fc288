// W&B-instrumented Python scripts (tests/orchestrator/wandb_scripts) run unchanged under the real
// `sweep run`, through the offline wandb stand-in: their metrics, states and summaries land in
// results.db. Skipped, with a message, when python3 is not on PATH.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <optional>

#include "orchestrator/spec/command_line.h"
#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

const fs::path kScripts = fs::path(__FILE__).parent_path() / "wandb_scripts";

bool have_python() {
  if (!orchestrator::find_on_path("python3").empty()) return true;
  MESSAGE("skipped: python3 is not on PATH (the wandb stand-in tests run Python scripts)");
  return false;
}

struct SweepRun {
  int exit_code = -1;
  std::string out, err;
  std::vector<results::TrialRecord> trials;
};

// `sweep run SPEC` in dir, to the end; the trials of sweep `name` afterwards.
SweepRun run_sweep(const ScratchDir& dir, const fs::path& spec, const std::string& name) {
  SweepProcess sweep(dir.path(), {"run", spec.string()});
  const auto code = sweep.wait(60s);
  SweepRun run;
  run.exit_code = code.value_or(-1);
  run.out = sweep.out();
  run.err = sweep.err();
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  if (const auto found = store.find_sweep(name)) run.trials = store.trials(found->id);
  return run;
}

// metric name -> step -> value
std::map<std::string, std::map<std::int64_t, double>> metrics_of(const ScratchDir& dir, std::int64_t trial_id) {
  std::map<std::string, std::map<std::int64_t, double>> by_name;
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  for (const auto& point : store.metrics(trial_id)) by_name[point.name][point.step] = point.value;
  return by_name;
}

std::map<std::string, nlohmann::json> summary_of(const ScratchDir& dir, std::int64_t trial_id) {
  std::map<std::string, nlohmann::json> values;
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  for (const auto& [key, text] : store.summary(trial_id)) values[key] = nlohmann::json::parse(text);
  return values;
}

nlohmann::json params_of(const results::TrialRecord& trial) { return nlohmann::json::parse(trial.params_json); }

}  // namespace

TEST_CASE("wandb scripts: init defaults sit under the sweep's values; logs and summary are stored") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "config_defaults.yaml", "wandb-defaults");
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  REQUIRE(run.trials.size() == 2);
  for (const auto& trial : run.trials) {
    CAPTURE(trial.log_tail);
    CHECK(trial.state == TrialState::Finished);
    const double lr = params_of(trial)["lr"].get<double>();
    auto metrics = metrics_of(dir, trial.id);
    REQUIRE(metrics["val_acc"].size() == 3);  // W&B's _step 0, 1, 2 is the stored step
    for (std::int64_t step = 0; step < 3; ++step)
      CHECK(metrics["val_acc"][step] == doctest::Approx(1.0 - lr / static_cast<double>(step + 1)));
    CHECK(metrics["epoch"][2] == 2);  // logged by the script: a metric like any other
    CHECK(metrics.count("_step") == 0);
    auto summary = summary_of(dir, trial.id);
    CHECK(summary["best_val_acc"].get<double>() == doctest::Approx(1.0 - lr / 3));
    CHECK(summary["label"] == "from-defaults");
    CHECK(summary.count("val_acc") == 0);  // last logged values stay in the metrics table only
  }
  // The trial's stdout held only JSON lines: nothing of them reached the log tail.
  CHECK(run.trials[0].log_tail.find("_step") == std::string::npos);
}

TEST_CASE("wandb scripts: argparse flags from the sweep and wandb.init(config=args) agree") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "argparse_config.yaml", "wandb-argparse");
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  REQUIRE(run.trials.size() == 2);
  for (const auto& trial : run.trials) {
    CAPTURE(trial.log_tail);
    CHECK(trial.state == TrialState::Finished);
    const int layers = params_of(trial)["layers"].get<int>();
    auto metrics = metrics_of(dir, trial.id);
    CHECK(metrics["score"][0] == doctest::Approx(0.01 * layers));
    CHECK(metrics["layers_seen"][0] == layers);
    CHECK(summary_of(dir, trial.id)["activation"] == "tanh");
  }
}

TEST_CASE("wandb scripts: a nested parameter block reaches argparse as JSON and wandb.config as a dict") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "nested_config.yaml", "wandb-nested");
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  REQUIRE(run.trials.size() == 2);
  for (const auto& trial : run.trials) {
    CAPTURE(trial.log_tail);
    CHECK(trial.state == TrialState::Finished);
    const double lr = params_of(trial)["optimizer"]["lr"].get<double>();
    auto metrics = metrics_of(dir, trial.id);
    CHECK(metrics["lr"][1] == doctest::Approx(lr));
    CHECK(metrics["momentum"][0] == doctest::Approx(0.9));  // the default under the sweep's block
    REQUIRE(metrics["val.loss"].size() == 2);
    CHECK(metrics["val.loss"][1] == doctest::Approx(0.5));
  }
}

TEST_CASE("wandb scripts: log with commit=False and explicit steps follows W&B's rules") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "steps_and_commit.yaml", "wandb-steps");
  CAPTURE(run.err);
  REQUIRE(run.trials.size() == 1);
  const auto& trial = run.trials[0];
  CAPTURE(trial.log_tail);
  CHECK(trial.state == TrialState::Finished);
  auto metrics = metrics_of(dir, trial.id);
  CHECK(metrics["a"] == std::map<std::int64_t, double>{{0, 1.0}});
  CHECK(metrics["b"] == std::map<std::int64_t, double>{{0, 2.0}});
  CHECK(metrics["c"] == std::map<std::int64_t, double>{{0, 3.0}});
  CHECK(metrics["loss"] == std::map<std::int64_t, double>{{5, 0.5}, {7, 0.4}, {8, 0.3}, {12, 0.2}});
  CHECK(metrics["acc"] == std::map<std::int64_t, double>{{5, 0.7}, {7, 0.8}});
  CHECK(trial.log_tail.find("step must only increase") != std::string::npos);
}

TEST_CASE("wandb scripts: a script that crashes after logging is failed, with its rows and summary kept") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "crash_after_logging.yaml", "wandb-crash");
  CHECK(run.exit_code == 1);  // no trial succeeded
  REQUIRE(run.trials.size() == 1);
  const auto& trial = run.trials[0];
  CAPTURE(trial.log_tail);
  CHECK(trial.state == TrialState::Failed);
  CHECK(trial.exit_code == 1);
  CHECK(trial.log_tail.find("simulated crash after logging") != std::string::npos);
  auto metrics = metrics_of(dir, trial.id);
  // Three committed rows, and the uncommitted one, written by the stand-in as the script exited.
  CHECK(metrics["loss"] == std::map<std::int64_t, double>{{0, 1.0}, {1, 0.5}, {2, 1.0 / 3}, {3, 0.2}});
  CHECK(summary_of(dir, trial.id)["phase"] == "training");
}

TEST_CASE("wandb scripts: Table, Image, Histogram and plots are summary notes; unknown calls do nothing") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "media.yaml", "wandb-media");
  CHECK(run.exit_code == 0);
  REQUIRE(run.trials.size() == 1);
  const auto& trial = run.trials[0];
  CAPTURE(trial.log_tail);
  CHECK(trial.state == TrialState::Finished);
  auto metrics = metrics_of(dir, trial.id);
  CHECK(metrics.size() == 1);  // only loss: the numbers inside media descriptions are not metrics
  CHECK(metrics["loss"][0] == 0.25);
  auto summary = summary_of(dir, trial.id);
  CHECK(summary["predictions"]["_type"] == "table");
  CHECK(summary["predictions"]["nrows"] == 3);
  CHECK(summary["predictions"]["data"][2] == nlohmann::json::array({3, "bird"}));
  CHECK(summary["sample"]["_type"] == "image");
  CHECK(summary["sample"]["caption"] == "first");
  CHECK(summary["weights"]["_type"] == "histogram");
  CHECK(summary["weights"]["values"] == nlohmann::json::array({3, 0, 0, 1}));
  CHECK(summary["confusion"]["matrix"] == nlohmann::json::parse("[[1,0],[1,1]]"));
  CHECK(summary["artifact/model"]["type"] == "model");
  CHECK(trial.log_tail.find("no wandb.not_a_real_function") != std::string::npos);
  CHECK(trial.log_tail.find("alert [INFO] done: media logged") != std::string::npos);
}

TEST_CASE("wandb scripts: the stand-in is first on a Python trial's PYTHONPATH unless wandb_standin: false") {
  if (!have_python()) return;
  ScratchDir dir;
  const std::string body = "program: " + (kScripts / "standin_probe.py").string() +
                           "\nmethod: grid\nparameters:\n  unused: {value: 1}\n";
  write_file(dir / "on.yaml", "name: probe-on\n" + body);
  write_file(dir / "off.yaml", "name: probe-off\nwandb_standin: false\n" + body);
  const SweepRun on = run_sweep(dir, dir / "on.yaml", "probe-on");
  const SweepRun off = run_sweep(dir, dir / "off.yaml", "probe-off");
  REQUIRE(on.trials.size() == 1);
  REQUIRE(off.trials.size() == 1);
  auto with_standin = metrics_of(dir, on.trials[0].id);
  CHECK(with_standin["standin"][1] == 1);
  CHECK(with_standin["config_env"][1] == 1);
  auto without = metrics_of(dir, off.trials[0].id);
  CHECK(without["standin"][1] == 0);
  CHECK(without["config_env"][1] == 0);
}

TEST_CASE("wandb scripts: outside sweep the stand-in says once what it is, and still runs") {
  if (!have_python()) return;
  ScratchDir dir;
  SweepProcess path(dir.path(), {"wandb-path"});
  REQUIRE(path.wait() == 0);
  std::string standin = path.out();
  REQUIRE(!standin.empty());
  standin.pop_back();  // the newline
  CHECK(fs::is_regular_file(fs::path(standin) / "wandb" / "__init__.py"));

  const std::string command = "cd '" + dir.path().string() + "' && env -u SWEEP_TRIAL_CONFIG PYTHONPATH='" + standin +
                              "' python3 '" + (kScripts / "outside_sweep.py").string() + "' > out.txt 2> err.txt";
  CHECK(std::system(command.c_str()) == 0);
  std::ifstream out_file(dir / "out.txt"), err_file(dir / "err.txt");
  const std::string out((std::istreambuf_iterator<char>(out_file)), std::istreambuf_iterator<char>());
  const std::string err((std::istreambuf_iterator<char>(err_file)), std::istreambuf_iterator<char>());
  CAPTURE(out);
  CAPTURE(err);
  const std::string note = "this is sweep's offline stand-in for wandb, not the real package";
  const auto first = err.find(note);
  CHECK(first != std::string::npos);
  CHECK(err.find(note, first + 1) == std::string::npos);
  CHECK(out.find(R"({"_step":0,"loss":1.0})") != std::string::npos);
  CHECK(out.find(R"({"_step":1,"loss":0.5})") != std::string::npos);
  CHECK(out.find("done True True") != std::string::npos);
}

TEST_CASE("sweep wandb-path: a stand-in that is not where SWEEP_WANDB_PATH says is a failure (exit 1)") {
  ScratchDir dir;
  const char* old = std::getenv("SWEEP_WANDB_PATH");
  const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
  ::setenv("SWEEP_WANDB_PATH", (dir / "missing").c_str(), 1);
  SweepProcess path(dir.path(), {"wandb-path"});
  if (saved) ::setenv("SWEEP_WANDB_PATH", saved->c_str(), 1);
  else ::unsetenv("SWEEP_WANDB_PATH");
  CHECK(path.wait() == 1);
  CHECK(path.out().empty());
  CHECK(path.err().find("SWEEP_WANDB_PATH") != std::string::npos);
}

TEST_CASE("wandb scripts: a trial stopped with SIGTERM still writes its pending row") {
  if (!have_python()) return;
  ScratchDir dir;
  const SweepRun run = run_sweep(dir, kScripts / "stopped_early.yaml", "wandb-stopped");
  REQUIRE(run.trials.size() == 1);
  const auto& trial = run.trials[0];
  CAPTURE(trial.log_tail);
  CHECK(trial.state == TrialState::Failed);
  CHECK(trial.info_json.find("timed out") != std::string::npos);
  CHECK(metrics_of(dir, trial.id)["loss"] == std::map<std::int64_t, double>{{0, 1.0}, {1, 0.5}});
}
