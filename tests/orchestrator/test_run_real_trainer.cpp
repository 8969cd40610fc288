// The one real end-to-end path: `sweep run` drives the real trainer on real Fashion-MNIST images
// (a tiny bayes sweep), and `sweep best --json` answers from the database it wrote.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_run_support.h"

using namespace run_test;

TEST_CASE("sweep run: a tiny bayes sweep of the real trainer on real data learns and is queryable") {
  if (!fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")) {
    MESSAGE("skipped: Fashion-MNIST is not installed (scripts/install-deps.sh installs it)");
    return;
  }
  ScratchDir dir;
  write_file(dir / "tiny.yaml", "name: tiny\nprogram: " + std::string(SWEEP_TRAINER) + R"(
method: bayes
metric: {name: val_acc, goal: maximize}
run_cap: 4
workers: 2
seed: 3
parameters:
  max-train: {value: 3000}
  epochs: {value: 2}
  batch_size: {value: 32}
  optimizer: {values: [adam, nadam]}
  learning_rate: {distribution: log_uniform_values, min: 0.0005, max: 0.005}
  num_layers: {values: [1, 2]}
  hidden_size: {value: 64}
  activation: {value: ReLU}
  weight_init: {value: Xavier}
  beta1: {value: 0.9}
  beta2: {value: 0.999}
)");
  SweepProcess run(dir.path(), {"run", "tiny.yaml"});
  REQUIRE(run.wait(300s) == 0);
  CHECK(integrity_check(dir / "results.db") == "ok");

  SweepProcess best(dir.path(), {"best", "--metric", "val_acc", "--json"});
  REQUIRE(best.wait(30s) == 0);
  const auto answer = nlohmann::json::parse(best.out());
  INFO(best.out());
  const auto& top = answer.at("trials").at(0);
  // Ten classes: chance is 0.1; two epochs on 3,000 images reach well above 0.6.
  CHECK(top.at("value").get<double>() > 0.6);

  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto sweep = store.find_sweep("tiny");
  REQUIRE(sweep);
  const auto trials = store.trials(sweep->id);
  CHECK(trials.size() == 4);
  CHECK(count_state(trials, results::TrialState::Finished) +
            count_state(trials, results::TrialState::EarlyTerminated) == 4);
}
