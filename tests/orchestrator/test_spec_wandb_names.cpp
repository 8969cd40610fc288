// W&B compatibility end to end: dotted parameter names (Lightning CLI, Hydra) through parsing, the
// trial argv, the store and the queries; repeated values; specs without program; ${args_json_file}.
#include <doctest/doctest.h>

#include "orchestrator/launch/trial_command.h"
#include "orchestrator/spec/command_line.h"
#include "test_run_support.h"
#include "test_spec_helpers.h"

using namespace run_test;
using spec_test::parse;
using spec_test::refusal;
using spec_test::with_parameters;

TEST_CASE("a dotted name is one flat name, beside a nested block of the same prefix") {
  const auto spec = parse(with_parameters(R"(  model.hidden_dim: {values: [32, 64]}
  model:
    parameters:
      depth: {values: [2, 3]}
  optimizer.init_args.lr: {min: 0.001, max: 0.1}
)"));
  REQUIRE(spec.parameters.size() == 3);
  CHECK(spec.parameters[0].path == std::vector<std::string>{"model", "depth"});
  CHECK(spec.parameters[1].path == std::vector<std::string>{"model.hidden_dim"});
  CHECK(spec.parameters[2].path == std::vector<std::string>{"optimizer.init_args.lr"});
  CHECK(spec.parameters[1].name() == "model.hidden_dim");
}

TEST_CASE("a dotted name and a nested block naming the same parameter are refused") {
  const std::string message = refusal(with_parameters(R"(  model.hidden_dim: {values: [32, 64]}
  model:
    parameters:
      hidden_dim: {values: [8]}
)"));
  CAPTURE(message);
  CHECK(message.find("names the parameter model.hidden_dim") != std::string::npos);
  CHECK(message.find("keep one of them") != std::string::npos);
}

TEST_CASE("repeated values: one copy kept, probabilities of the copies added, one warning per repeat") {
  const auto plain = parse(with_parameters("  wd: {values: [0, 0.0005, 0.0005]}\n", "method: grid\n"));
  CHECK(plain.parameters[0].values == std::vector<nlohmann::json>{0, 0.0005});
  CHECK(plain.parameters[0].repeated_values == std::vector<nlohmann::json>{0.0005});
  CHECK(orchestrator::grid_size(plain) == 2);
  REQUIRE(plain.warnings.size() == 1);
  CHECK(plain.warnings[0].find("parameters.wd.values[2]: warning: repeats 0.0005; merged") != std::string::npos);

  const auto weighted = parse(with_parameters("  s: {values: [cos, step, cos], probabilities: [0.25, 0.5, 0.25]}\n"));
  CHECK(weighted.parameters[0].values == std::vector<nlohmann::json>{"cos", "step"});
  CHECK(weighted.parameters[0].probabilities == std::vector<double>{0.5, 0.5});
  CHECK(weighted.warnings.size() == 1);
}

TEST_CASE("a spec without program is valid; the argv keeps ${program} until one is given") {
  const auto spec = orchestrator::parse_sweep_spec("method: random\nparameters: {a: {value: 1}}\n", "t.yaml");
  CHECK(spec.program.empty());
  CHECK(spec.warnings.empty());
  CHECK_FALSE(orchestrator::program_missing_reason(spec).empty());
}

TEST_CASE("make_trial_command writes ${args_json_file} in sweep-args/<sweep>/ and passes its path") {
  ScratchDir dir;
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  const auto spec = orchestrator::parse_sweep_spec(
      "name: my/sweep\nprogram: t\nmethod: random\ncommand: [\"${program}\", --json, \"${args_json_file}\"]\n"
      "parameters: {a: {value: 1}}\n", "t.yaml");
  const nlohmann::json config = {{"model.hidden_dim", 64}};
  const auto command = orchestrator::make_trial_command(spec, "/bin/t", config, {3, 2}, std::nullopt);
  fs::current_path(before);
  REQUIRE(command.argv.size() == 3);
  CHECK(command.argv[2] == (dir.path() / "sweep-args" / "my_sweep" / "trial-3-2.json").string());
  std::ifstream in(command.argv[2]);
  CHECK(nlohmann::json::parse(in) == config);
}

TEST_CASE("sweep run: dotted names reach the trial unchanged and show in best, trials and export") {
  ScratchDir dir;
  write_file(dir / "dotted.yaml", fake_spec("dotted", R"(method: grid
metric: {name: val_acc, goal: maximize}
command: ["${program}", "${args}", --config-json, "${args_json_file}"]
parameters:
  x: {values: [0.5, 0.7]}
  model.hidden_dim: {values: [32, 32, 64]}
  epochs: {value: 1}
)"));
  SweepProcess run(dir.path(), {"run", "dotted.yaml"});
  REQUIRE(run.wait() == 0);
  CHECK(run.err().find("parameters.model.hidden_dim.values[1]: warning: repeats 32; merged") != std::string::npos);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto trials = store.trials(store.find_sweep("dotted")->id);
  CHECK(trials.size() == 4);  // 2 x 2: the repeated 32 is tried once
  for (const auto& trial : trials) CHECK(nlohmann::json::parse(trial.params_json).contains("model.hidden_dim"));
  CHECK(fs::exists(dir / "sweep-args" / "dotted" / "trial-1-1.json"));

  SweepProcess best(dir.path(), {"best", "--metric", "val_acc"});
  REQUIRE(best.wait() == 0);
  CHECK(best.out().find("model.hidden_dim") != std::string::npos);
  CHECK(best.out().find("--model.hidden_dim=") != std::string::npos);
  SweepProcess list(dir.path(), {"trials"});
  REQUIRE(list.wait() == 0);
  CHECK(list.out().find("model.hidden_dim") != std::string::npos);
  SweepProcess csv(dir.path(), {"export", "--format", "csv"});
  REQUIRE(csv.wait() == 0);
  CHECK(csv.out().substr(0, csv.out().find('\n')).find("model.hidden_dim") != std::string::npos);
}

TEST_CASE("sweep run refuses a spec without program, saying what to add; validate accepts it and says how") {
  ScratchDir dir;
  write_file(dir / "inscript.yaml", "method: random\nrun_cap: 1\nparameters: {a: {values: [1, 2]}}\n");
  SweepProcess run(dir.path(), {"run", "inscript.yaml"});
  REQUIRE(run.wait() == 2);
  CHECK(run.err().find("program: is missing") != std::string::npos);
  CHECK(run.err().find("add program: train.py") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "results.db"));
  SweepProcess validate(dir.path(), {"validate", "inscript.yaml"});
  REQUIRE(validate.wait() == 0);
  CHECK(validate.out().find("program     none; valid as W&B accepts it, but program: is missing") != std::string::npos);
  SweepProcess as_json(dir.path(), {"validate", "inscript.yaml", "--json"});
  REQUIRE(as_json.wait() == 0);
  const auto report = nlohmann::json::parse(as_json.out());
  CHECK(report["runnable"] == false);
  CHECK(report["how_to_run"].get<std::string>().find("sweep wandb-path") != std::string::npos);
}

TEST_CASE("validate shows what was merged, and the warning once on stderr") {
  ScratchDir dir;
  write_file(dir / "merged.yaml", "program: sh\nmethod: grid\nparameters: {wd: {values: [0, 0.0005, 0.0005]}}\n");
  SweepProcess validate(dir.path(), {"validate", "merged.yaml"});
  REQUIRE(validate.wait() == 0);
  CHECK(validate.out().find("[0,0.0005] (listed more than once, kept once: [0.0005])") != std::string::npos);
  const std::string err = validate.err();
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  CHECK(err.find("warning: repeats 0.0005") != std::string::npos);
}
