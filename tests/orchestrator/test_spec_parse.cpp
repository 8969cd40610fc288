#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "orchestrator/spec/sweep_spec.h"
#include "test_spec_helpers.h"

using orchestrator::Distribution;
using orchestrator::ParameterSpec;
using spec_test::parse;
using spec_test::with_parameters;

namespace {

const ParameterSpec& only_parameter(const orchestrator::SweepSpec& spec) {
  REQUIRE(spec.parameters.size() == 1);
  return spec.parameters.front();
}

ParameterSpec parameter(const std::string& body) {
  return only_parameter(parse(with_parameters("  x:\n" + body)));
}

}  // namespace

TEST_CASE("a full W&B spec parses with every top-level key") {
  const auto spec = parse(R"(
name: dl-sweep
description: the DA6401 space
program: train.py
method: bayes
metric: {name: val_acc, goal: maximize, target: 0.9}
run_cap: 50
early_terminate: {type: hyperband, min_iter: 2, eta: 2, strict: true}
project: ignored-by-sweep
entity: me
command:
  - ${env}
  - ${interpreter}
  - ${program}
  - --wandb=off
  - ${args}
workers: 3
threads_per_trial: 2
timeout: 10m
retries: 2
seed: 42
launcher: slurm
slurm: {partition: gpu, time: "01:00:00"}
parameters:
  epochs: {value: 5}
)");
  CHECK(spec.name == "dl-sweep");
  CHECK(spec.description == "the DA6401 space");
  CHECK(spec.program == "train.py");
  CHECK(spec.method == "bayes");
  REQUIRE(spec.metric);
  CHECK(spec.metric->name == "val_acc");
  CHECK(spec.metric->maximize);
  CHECK(spec.metric->target == doctest::Approx(0.9));
  CHECK(spec.run_cap == 50);
  REQUIRE(spec.early_terminate);
  CHECK(spec.early_terminate->type == "hyperband");
  CHECK(spec.early_terminate->min_iter == 2);
  CHECK_FALSE(spec.early_terminate->max_iter);
  CHECK(spec.early_terminate->eta == 2);
  CHECK(spec.early_terminate->strict);
  CHECK(spec.command == std::vector<std::string>{"${env}", "${interpreter}", "${program}", "--wandb=off", "${args}"});
  CHECK(spec.workers == 3);
  CHECK(spec.threads_per_trial == 2);
  CHECK(spec.timeout_seconds == doctest::Approx(600));
  CHECK(spec.retries == 2);
  CHECK(spec.seed == 42);
  CHECK(spec.launcher == "slurm");
  CHECK(spec.slurm["partition"] == "gpu");
  CHECK(spec.slurm["time"] == "01:00:00");
}

TEST_CASE("defaults: name from the file, W&B's default command, goal minimize, local launcher") {
  const auto spec = orchestrator::parse_sweep_spec(
      "program: t\nmethod: random\nmetric: {name: loss}\nparameters: {a: {value: 1}}\n", "/some/dir/my-sweep.yaml");
  CHECK(spec.name == "my-sweep");
  CHECK(spec.source == "/some/dir/my-sweep.yaml");
  CHECK(spec.command == std::vector<std::string>{"${env}", "${interpreter}", "${program}", "${args}"});
  CHECK_FALSE(spec.metric->maximize);
  CHECK(spec.launcher == "local");
  CHECK(spec.slurm.is_null());
  CHECK(spec.workers == 0);
  CHECK_FALSE(spec.timeout_seconds);
  CHECK_FALSE(spec.early_terminate);
}

TEST_CASE("the hash is the SHA-256 of the text and changes with it") {
  const std::string text = "program: t\nmethod: grid\nparameters: {a: {value: 1}}\n";
  const auto spec = parse(text);
  CHECK(spec.text == text);
  CHECK(spec.hash.size() == 64);
  CHECK(spec.hash != parse(text + "# a comment\n").hash);
  CHECK(spec.hash == parse(text).hash);
}

TEST_CASE("hyperband with max_iter and s") {
  const auto spec = parse(with_parameters("  a: {value: 1}\n",
                                          "method: random\nmetric: {name: loss}\n"
                                          "early_terminate: {type: hyperband, max_iter: 27, s: 3}\n"));
  CHECK(spec.early_terminate->max_iter == 27);
  CHECK(spec.early_terminate->s == 3);
  CHECK(spec.early_terminate->eta == 3);
  CHECK_FALSE(spec.early_terminate->strict);
}

TEST_CASE("timeout accepts seconds and unit strings") {
  for (const auto& [text, seconds] : std::vector<std::pair<std::string, double>>{
           {"90", 90}, {"2.5", 2.5}, {"\"90s\"", 90}, {"10m", 600}, {"1h", 3600}, {"1h30m", 5400}, {"\"45\"", 45}}) {
    CAPTURE(text);
    const auto spec = parse(with_parameters("  a: {value: 1}\n", "method: random\ntimeout: " + text + "\n"));
    CHECK(spec.timeout_seconds == doctest::Approx(seconds));
  }
}

TEST_CASE("distribution inference follows W&B") {
  SUBCASE("value is constant") {
    const auto p = parameter("    value: adam\n");
    CHECK(p.distribution == Distribution::Constant);
    CHECK(p.values == std::vector<nlohmann::json>{"adam"});
  }
  SUBCASE("values is categorical, of any JSON values") {
    const auto p = parameter("    values: [1, 2.5, relu, true, [1, 2], {k: v}]\n");
    CHECK(p.distribution == Distribution::Categorical);
    REQUIRE(p.values.size() == 6);
    CHECK(p.values[0].is_number_integer());
    CHECK(p.values[1].is_number_float());
    CHECK(p.values[2] == "relu");
    CHECK(p.values[3] == true);
    CHECK(p.values[4] == nlohmann::json::array({1, 2}));
    CHECK(p.values[5] == nlohmann::json{{"k", "v"}});
  }
  SUBCASE("integer min and max are int_uniform") {
    const auto p = parameter("    min: 1\n    max: 5\n");
    CHECK(p.distribution == Distribution::IntUniform);
    CHECK(p.integer);
    CHECK(p.min == 1);
    CHECK(p.max == 5);
  }
  SUBCASE("a float bound makes it uniform") {
    const auto p = parameter("    min: 1\n    max: 5.0\n");
    CHECK(p.distribution == Distribution::Uniform);
    CHECK_FALSE(p.integer);
  }
  SUBCASE("quoted numbers stay strings") {
    const auto p = parameter("    values: [\"1\", '2']\n");
    CHECK(p.values[0] == "1");
    CHECK(p.values[1] == "2");
  }
  SUBCASE("1e-3 without a dot is a float") {
    const auto p = parameter("    min: 1e-4\n    max: 1e-2\n");
    CHECK(p.distribution == Distribution::Uniform);
    CHECK(p.min == doctest::Approx(1e-4));
  }
}

TEST_CASE("every distribution parses with its own fields") {
  struct Case {
    std::string name;
    std::string body;
    Distribution distribution;
  };
  const std::vector<Case> cases = {
      {"constant", "value: 3", Distribution::Constant},
      {"categorical", "values: [a, b]", Distribution::Categorical},
      {"categorical_w_probabilities", "values: [a, b]\n    probabilities: [0.25, 0.75]", Distribution::Categorical},
      {"int_uniform", "min: 1\n    max: 4", Distribution::IntUniform},
      {"uniform", "min: 1\n    max: 4", Distribution::Uniform},
      {"q_uniform", "min: 0\n    max: 1\n    q: 0.25", Distribution::QUniform},
      {"log_uniform", "min: -9.2\n    max: -2.3", Distribution::LogUniform},
      {"log_uniform_values", "min: 0.0001\n    max: 0.1", Distribution::LogUniformValues},
      {"q_log_uniform_values", "min: 1\n    max: 256\n    q: 8", Distribution::QLogUniformValues},
      {"inv_log_uniform_values", "min: 0.01\n    max: 1", Distribution::InvLogUniformValues},
      {"normal", "mu: 1\n    sigma: 2", Distribution::Normal},
      {"q_normal", "mu: 10\n    sigma: 3\n    q: 2", Distribution::QNormal},
      {"log_normal", "mu: 0\n    sigma: 0.5", Distribution::LogNormal},
      {"q_log_uniform", "min: 0\n    max: 5\n    q: 1", Distribution::QLogUniform},
      {"inv_log_uniform", "min: 0\n    max: 5", Distribution::InvLogUniform},
      {"q_log_normal", "mu: 1\n    sigma: 0.5\n    q: 2", Distribution::QLogNormal},
      {"beta", "a: 2\n    b: 3", Distribution::Beta},
      {"q_beta", "a: 2\n    b: 3\n    q: 0.1", Distribution::QBeta},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto p = parameter("    distribution: " + c.name + "\n    " + c.body + "\n");
    CHECK(p.distribution == c.distribution);
    CHECK(orchestrator::parse_distribution(orchestrator::distribution_name(p.distribution)) == c.distribution);
  }
}

TEST_CASE("distribution fields: bounds as written, normal defaults, q and integer-ness") {
  const auto log = parameter("    distribution: log_uniform\n    min: -9\n    max: -2\n");
  CHECK(log.min == -9);  // kept in log space, as written
  CHECK(log.max == -2);
  const auto normal = parameter("    distribution: normal\n");
  CHECK(normal.mu == 0);
  CHECK(normal.sigma == 1);
  const auto q_int = parameter("    distribution: q_uniform\n    min: 0\n    max: 100\n    q: 10\n");
  CHECK(q_int.q == 10);
  CHECK(q_int.integer);  // W&B: an int q gives int values
  const auto q_float = parameter("    distribution: q_uniform\n    min: 0\n    max: 1\n    q: 0.1\n");
  CHECK_FALSE(q_float.integer);
  const auto q_default = parameter("    distribution: q_uniform\n    min: 0\n    max: 10\n");
  CHECK(q_default.q == 1);
  CHECK_FALSE(q_default.integer);  // W&B's default q is 1.0, a float
  const auto probabilities = parameter("    values: [a, b, c]\n    probabilities: [0.5, 0.3, 0.2]\n");
  CHECK(probabilities.probabilities == std::vector<double>{0.5, 0.3, 0.2});
}

TEST_CASE("nested parameters blocks give dotted paths, names sorted as W&B does") {
  const auto spec = parse(with_parameters(R"(  optimizer:
    parameters:
      name: {values: [adam, sgd]}
      lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  batch_size: {values: [32, 64]}
)"));
  REQUIRE(spec.parameters.size() == 3);
  CHECK(spec.parameters[0].name() == "batch_size");
  CHECK(spec.parameters[1].path == std::vector<std::string>{"optimizer", "lr"});
  CHECK(spec.parameters[1].name() == "optimizer.lr");
  CHECK(spec.parameters[2].name() == "optimizer.name");
}

TEST_CASE("commands accept every macro and literal arguments") {
  const auto spec = parse(with_parameters(
      "  a: {value: 1}\n",
      "method: random\ncommand:\n  - ${env}\n  - python3\n  - ${program}\n  - ${args}\n  - ${args_no_hyphens}\n"
      "  - ${args_json}\n  - ${args_no_boolean_flags}\n  - ${interpreter}\n  - --epochs\n  - 3\n"));
  CHECK(spec.command.size() == 10);
  CHECK(spec.command[8] == "--epochs");
  CHECK(spec.command[9] == "3");
}

TEST_CASE("a command without ${program} needs no program") {
  const auto spec = orchestrator::parse_sweep_spec("method: grid\ncommand: [/bin/echo, \"${args}\"]\nparameters: {a: {values: [1, 2]}}\n", "t.yaml");
  CHECK(spec.program.empty());
}

TEST_CASE("anchors and aliases within the budget are fine") {
  const auto spec = parse(R"(
program: t
method: grid
parameters:
  a: &choices {values: [1, 2, 3]}
  b: *choices
)");
  CHECK(spec.parameters.size() == 2);
  CHECK(spec.parameters[1].values.size() == 3);
  CHECK(orchestrator::grid_size(spec) == 9);
}

TEST_CASE("beta and q_beta: a and b default to 1, as W&B's schema says") {
  const auto beta = parameter("    distribution: beta\n");
  CHECK(beta.a == 1);
  CHECK(beta.b == 1);
  const auto q_beta = parameter("    distribution: q_beta\n    a: 0.5\n");
  CHECK(q_beta.a == 0.5);
  CHECK(q_beta.b == 1);
  CHECK(q_beta.q == 1);
  CHECK_FALSE(q_beta.integer);  // q defaults to 1.0, a float
}

TEST_CASE("every distribution the table names parses by name, and every table key is a parameter key") {
  for (const auto& row : orchestrator::spec::distribution_table()) {
    CAPTURE(row.name);
    CHECK(orchestrator::parse_distribution(row.name) == row.distribution);
    CHECK(orchestrator::distribution_name(row.distribution) == row.name);
    const auto keys = orchestrator::spec::parameter_keys();
    for (const auto& key : row.keys) CHECK(std::find(keys.begin(), keys.end(), key.name) != keys.end());
  }
}

TEST_CASE("deprecated distributions work, with one warning naming the replacement") {
  for (const std::string name : {"log_uniform", "q_log_uniform", "inv_log_uniform"}) {
    CAPTURE(name);
    const auto spec = parse(with_parameters("  x: {distribution: " + name + ", min: 0, max: 2}\n"));
    REQUIRE(spec.warnings.size() == 1);
    CHECK(spec.warnings[0].find("parameters.x.distribution: warning: " + name + " is deprecated by W&B") != std::string::npos);
    CHECK(spec.warnings[0].find(name + "_values") != std::string::npos);
  }
  CHECK(parse(with_parameters("  x: {distribution: log_uniform_values, min: 1, max: 2}\n")).warnings.empty());
}

TEST_CASE("the bayes block: acquisition and ucb_beta; refused with the allowed names; a warning off bayes") {
  const std::string metric = "method: bayes\nmetric: {name: loss}\n";
  const auto spec = parse(with_parameters("  a: {values: [1, 2]}\n", metric + "bayes: {acquisition: ucb, ucb_beta: 1.5}\n"));
  CHECK(spec.bayes.acquisition == "ucb");
  CHECK(spec.bayes.ucb_beta == 1.5);
  CHECK(parse(with_parameters("  a: {values: [1, 2]}\n", metric)).bayes.acquisition == "log_ei");
  const std::string unknown = spec_test::refusal(with_parameters("  a: {values: [1, 2]}\n", metric + "bayes: {acquisition: pi}\n"));
  CHECK(unknown.find("bayes.acquisition") != std::string::npos);
  CHECK(unknown.find("allowed: ei, log_ei, ucb") != std::string::npos);
  const std::string beta = spec_test::refusal(with_parameters("  a: {values: [1, 2]}\n", metric + "bayes: {acquisition: ei, ucb_beta: 2}\n"));
  CHECK(beta.find("bayes.ucb_beta") != std::string::npos);
  const std::string negative = spec_test::refusal(with_parameters("  a: {values: [1, 2]}\n", metric + "bayes: {acquisition: ucb, ucb_beta: -1}\n"));
  CHECK(negative.find(">= 0") != std::string::npos);
  CHECK(spec_test::refusal(with_parameters("  a: {values: [1, 2]}\n", metric + "bayes: {acquisitoin: ucb}\n"))
            .find("did you mean acquisition?") != std::string::npos);
  const auto off = parse(with_parameters("  a: {values: [1, 2]}\n", "method: random\nbayes: {acquisition: ucb}\n"));
  REQUIRE(off.warnings.size() == 1);
  CHECK(off.warnings[0].find("bayes block is not used") != std::string::npos);
}
