#include <doctest/doctest.h>

#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/launcher_registry.h"
#include "test_spec_helpers.h"

using spec_test::refusal;
using spec_test::with_parameters;

namespace {

// Checks that the refusal names the field and says something about what is allowed.
void check_refused(const std::string& yaml, const std::string& field, const std::string& allowed) {
  const std::string message = refusal(yaml);
  CAPTURE(message);
  CHECK(message.rfind("test.yaml: ", 0) == 0);
  CHECK(message.find(field) != std::string::npos);
  CHECK(message.find(allowed) != std::string::npos);
}

std::string x_parameter(const std::string& body, const std::string& extra = "method: random\n") {
  return with_parameters("  learning_rate:\n" + body, extra);
}

}  // namespace

TEST_CASE("unknown keys are refused with the closest known key") {
  check_refused("program: t\nmethod: grid\nparamters: {a: {value: 1}}\n", "paramters: unknown key", "did you mean parameters?");
  check_refused("program: t\nmethod: grid\nparameters: {a: {value: 1}}\nworkerz: 2\n", "workerz", "did you mean workers?");
  check_refused(x_parameter("    min: 1\n    maxx: 2\n"), "parameters.learning_rate.maxx", "did you mean max?");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nmetric: {name: loss, gaol: minimize}\n"),
                "metric.gaol", "did you mean goal?");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband, min_iter: 1, etta: 2}\n"),
                "early_terminate.etta", "did you mean eta?");
  check_refused("program: t\nmethod: grid\nparameters: {a: {value: 1}}\nzzzzzzzzzz: 1\n", "zzzzzzzzzz: unknown key",
                "allowed here: program, command");
}

TEST_CASE("unknown method, distribution, goal, launcher and early_terminate type") {
  check_refused("program: t\nmethod: hyperopt\nparameters: {a: {value: 1}}\n", "method", "allowed: grid, random or bayes");
  check_refused("program: t\nparameters: {a: {value: 1}}\n", "method: is missing", "grid, random or bayes");
  check_refused(x_parameter("    distribution: log_uniform_value\n    min: 0.1\n    max: 1\n"),
                "parameters.learning_rate.distribution", "did you mean log_uniform_values?");
  check_refused(x_parameter("    distribution: gamma\n"), "parameters.learning_rate.distribution", "allowed: constant, categorical");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nmetric: {name: loss, goal: max}\n"), "metric.goal",
                "maximize or minimize");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nmetric: {name: l}\nearly_terminate: {type: asha, min_iter: 1}\n"),
                "early_terminate.type", "hyperband");
}

TEST_CASE("an unknown launcher is refused by the launcher registry, naming the launchers it has") {
  const orchestrator::SweepSpec spec =
      orchestrator::parse_sweep_spec(with_parameters("  a: {value: 1}\n", "method: random\nlauncher: kubernetes\n"),
                                     "test.yaml");
  try {
    static_cast<void>(orchestrator::launcher_factory(spec));
    FAIL("launcher kubernetes was accepted");
  } catch (const orchestrator::SpecError& e) {
    const std::string message = e.what();
    CHECK(message.find("test.yaml: launcher: 'kubernetes' is not available") != std::string::npos);
    CHECK(message.find("allowed: local, slurm") != std::string::npos);
  }
  CHECK(orchestrator::launcher_names() == std::vector<std::string>{"local", "slurm"});
}

TEST_CASE("bounds: min > max, non-positive log bounds, wrong types") {
  check_refused(x_parameter("    min: 0.1\n    max: 0.01\n"), "parameters.learning_rate.min", "min <= max");
  check_refused(x_parameter("    distribution: log_uniform_values\n    min: 0\n    max: 1\n"),
                "parameters.learning_rate.min", "must be > 0");
  check_refused(x_parameter("    distribution: inv_log_uniform_values\n    min: -1\n    max: 1\n"),
                "parameters.learning_rate.min", "must be > 0");
  check_refused(x_parameter("    distribution: q_log_uniform_values\n    min: 0\n    max: 8\n    q: 1\n"),
                "parameters.learning_rate.min", "must be > 0");
  check_refused(x_parameter("    min: \"0.1\"\n    max: 1\n"), "parameters.learning_rate.min", "a number is required");
  check_refused(x_parameter("    distribution: int_uniform\n    min: 0.5\n    max: 3\n"), "parameters.learning_rate.min",
                "an integer is required");
  check_refused(x_parameter("    distribution: uniform\n    min: 1\n"), "parameters.learning_rate.max: is missing", "min and max");
  check_refused(x_parameter("    min: .nan\n    max: 1.0\n"), "parameters.learning_rate.min", "finite");
  check_refused(x_parameter("    distribution: log_uniform\n    min: -1\n    max: 1000\n"), "parameters.learning_rate.max",
                "natural logarithms");
  check_refused(x_parameter("    distribution: normal\n    sigma: 0\n"), "parameters.learning_rate.sigma", "> 0");
  check_refused(x_parameter("    distribution: q_uniform\n    min: 0\n    max: 1\n    q: 0\n"), "parameters.learning_rate.q", "> 0");
}

TEST_CASE("keys that the distribution does not use are refused") {
  check_refused(x_parameter("    values: [1, 2]\n    min: 0\n"), "parameters.learning_rate.min",
                "not used by distribution categorical");
  check_refused(x_parameter("    distribution: uniform\n    min: 0\n    max: 1\n    mu: 3\n"), "parameters.learning_rate.mu",
                "takes min, max");
  check_refused(x_parameter("    distribution: normal\n    min: 0\n"), "parameters.learning_rate.min", "takes mu, sigma");
}

TEST_CASE("values: empty, not a list; probabilities: wrong length, negative, not summing to 1") {
  check_refused(x_parameter("    values: []\n"), "parameters.learning_rate.values", "at least one value");
  check_refused(x_parameter("    values: 3\n"), "parameters.learning_rate.values", "a list of values");
  check_refused(x_parameter("    values: [a, b]\n    probabilities: [1.0]\n"), "parameters.learning_rate.probabilities",
                "one per value");
  check_refused(x_parameter("    values: [a, b]\n    probabilities: [0.5, 0.6]\n"),
                "parameters.learning_rate.probabilities", "must sum to 1");
  check_refused(x_parameter("    values: [a, b]\n    probabilities: [1.5, -0.5]\n"),
                "parameters.learning_rate.probabilities[1]", ">= 0");
  check_refused(x_parameter("    values: [a, b]\n    probabilities: [half, half]\n"),
                "parameters.learning_rate.probabilities[0]", "a number is required");
}

TEST_CASE("a parameter must say what to sample, be a mapping, and have a plain name") {
  check_refused(x_parameter("    {}\n"), "parameters.learning_rate", "give value, values, min and max");
  check_refused(with_parameters("  lr: 0.1\n"), "parameters.lr", "a mapping of keys is required");
  check_refused(with_parameters("  \"learning rate\": {value: 1}\n"), "parameters.learning rate", "not a valid parameter name");
  check_refused(with_parameters("  .b: {value: 1}\n"), "parameters..b", "not a valid parameter name");
  check_refused(with_parameters("  a/b: {value: 1}\n"), "parameters.a/b", "letters, digits, _, . and -");
  check_refused("program: t\nmethod: grid\nparameters: {}\n", "parameters", "at least one parameter");
  check_refused("program: t\nmethod: grid\n", "parameters: is missing", "at least one parameter");
  check_refused(with_parameters("  opt:\n    parameters: {lr: {value: 1}}\n    value: 3\n"), "parameters.opt",
                "a nested block holds only parameters");
  check_refused(with_parameters("  opt:\n    parameters:\n      lr: {min: 2, max: 1}\n"),
                "parameters.opt.parameters.lr.min", "min <= max");
}

TEST_CASE("grid over a continuous range is refused, naming the parameter") {
  check_refused(with_parameters("  lr: {min: 0.001, max: 0.1}\n  b: {values: [1, 2]}\n", "method: grid\n"),
                "parameters.lr", "method grid needs value, values, int_uniform or q_uniform");
  check_refused(with_parameters("  lr: {distribution: normal}\n", "method: grid\n"), "parameters.lr",
                "continuous distribution normal");
}

TEST_CASE("bayes and early termination need a metric") {
  check_refused(with_parameters("  a: {values: [1, 2]}\n", "method: bayes\n"), "metric: is missing", "method bayes needs a metric");
  check_refused(with_parameters("  a: {values: [1, 2]}\n", "method: random\nearly_terminate: {type: hyperband, min_iter: 1}\n"),
                "metric: is missing", "early_terminate needs a metric");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nmetric: {goal: maximize}\n"), "metric.name", "is missing");
}

TEST_CASE("early_terminate needs consistent brackets") {
  const std::string metric = "method: random\nmetric: {name: loss}\n";
  check_refused(with_parameters("  a: {value: 1}\n", metric + "early_terminate: {type: hyperband}\n"), "early_terminate",
                "needs min_iter");
  check_refused(with_parameters("  a: {value: 1}\n", metric + "early_terminate: {type: hyperband, max_iter: 9}\n"),
                "early_terminate.s", "max_iter needs s");
  check_refused(with_parameters("  a: {value: 1}\n", metric + "early_terminate: {type: hyperband, min_iter: 1, eta: 1}\n"),
                "early_terminate.eta", "must be > 1");
  check_refused(with_parameters("  a: {value: 1}\n", metric + "early_terminate: {type: hyperband, min_iter: 0}\n"),
                "early_terminate.min_iter", ">= 1");
  check_refused(with_parameters("  a: {value: 1}\n", metric + "early_terminate: {type: hyperband, max_iter: 2, s: 2, eta: 3}\n"),
                "early_terminate.max_iter", "no bracket");
}

TEST_CASE("refusals give the line of the field, or of its nearest written parent") {
  const std::string spec = "program: t\nmethod: random\nparameters:\n  lr:\n    min: 0.1\n    max: 0.01\n";
  CHECK(refusal(spec).find("test.yaml: line 5: parameters.lr.min: ") == 0);
  const std::string missing = "program: t\nmethod: random\nparameters:\n  lr:\n    distribution: uniform\n    min: 1\n";
  CHECK(refusal(missing).find("test.yaml: line 4: parameters.lr.max: is missing") == 0);
}

TEST_CASE("our own keys are range-checked") {
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nworkers: 100000\n"), "workers", "<= 4096");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nworkers: 0\n"), "workers", ">= 1");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nthreads_per_trial: many\n"), "threads_per_trial",
                "an integer is required");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nretries: -1\n"), "retries", ">= 0");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nseed: 1.5\n"), "seed", "an integer is required");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nrun_cap: 0\n"), "run_cap", ">= 1");
  for (const std::string timeout : {"0", "-5", "ten minutes", "10x", "1h30", "[1]"}) {
    CAPTURE(timeout);
    check_refused(with_parameters("  a: {value: 1}\n", "method: random\ntimeout: " + timeout + "\n"), "timeout",
                  "\"90s\", \"10m\", \"1h\"");
  }
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\nslurm: gpu\n"), "slurm", "a mapping");
}

TEST_CASE("program and command") {
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\ncommand:\n  - ${program}\n  - ${argz}\n"), "command[1]",
                "allowed macros: ${env}, ${interpreter}");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\ncommand:\n  - ${program}\n  - --x=${args}\n"),
                "command[1]", "not a whole element");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\ncommand: []\n"), "command", "non-empty list");
  check_refused(with_parameters("  a: {value: 1}\n", "method: random\ncommand:\n  - ${program}\n  - [a]\n"), "command[1]",
                "one argument");
}
