// bayes.fidelity: the key parses, refuses what it does not know naming what is allowed, warns when it
// cannot matter, and reaches the optimizer; W&B specs without it keep single fidelity.
#include <doctest/doctest.h>

#include "orchestrator/space/trial_proposer.h"
#include "test_spec_helpers.h"

using Fidelity = bayesopt::OptimizerOptions::Fidelity;
using spec_test::parse;
using spec_test::refusal;
using spec_test::with_parameters;

namespace {

const std::string kSpace = "  x: {min: 0.0, max: 1.0}\n  epochs: {value: 9}\n";

std::string bayes_spec(const std::string& extra) {
  return with_parameters(kSpace, "method: bayes\nmetric: {name: val_acc, goal: maximize}\n" + extra);
}

const std::string kHyperband = "early_terminate: {type: hyperband, min_iter: 1, eta: 3}\n";

}  // namespace

TEST_CASE("bayes.fidelity: single by default and for W&B specs; multi reaches the optimizer") {
  const auto plain = parse(bayes_spec(kHyperband));
  CHECK(plain.bayes.fidelity == "single");
  CHECK(orchestrator::bayes_optimizer_options(plain).fidelity == Fidelity::Single);
  CHECK(orchestrator::bayes_optimizer_options(parse(bayes_spec(kHyperband + "bayes: {fidelity: single}\n"))).fidelity ==
        Fidelity::Single);
  const auto multi = parse(bayes_spec(kHyperband + "bayes: {fidelity: multi, acquisition: ei}\n"));
  CHECK(multi.bayes.fidelity == "multi");
  CHECK(multi.warnings.empty());
  CHECK(orchestrator::bayes_optimizer_options(multi).fidelity == Fidelity::Multi);
}

TEST_CASE("bayes.fidelity: unknown values are refused, naming the allowed ones") {
  const std::string message = refusal(bayes_spec(kHyperband + "bayes: {fidelity: budget}\n"));
  CHECK(message.find("bayes.fidelity") != std::string::npos);
  CHECK(message.find("\"budget\"") != std::string::npos);
  CHECK(message.find("allowed: single or multi") != std::string::npos);
  CHECK(refusal(bayes_spec(kHyperband + "bayes: {fidelity: 2}\n")).find("bayes.fidelity") != std::string::npos);
}

TEST_CASE("bayes.fidelity: multi without early termination is accepted with a warning") {
  const auto spec = parse(bayes_spec("bayes: {fidelity: multi}\n"));
  REQUIRE(spec.warnings.size() == 1);
  CHECK(spec.warnings[0].find("bayes.fidelity: warning: is multi without early_terminate") != std::string::npos);
}

TEST_CASE("a multi-fidelity proposer takes stopped trials' curves at their budgets and proposes") {
  const auto spec = parse(bayes_spec(kHyperband + "bayes: {fidelity: multi}\n"));
  const auto proposer = orchestrator::make_trial_proposer(spec);
  for (int i = 1; i <= 8; ++i) {
    const auto config = proposer->propose(i, {});
    REQUIRE(config);
    const double x = (*config)["x"].get<double>();
    const double full = 1.0 - (x - 0.7) * (x - 0.7);
    // Odd trials were stopped after 1 of 9 epochs, even ones ran in full (rungs 1 and 3, then the end).
    if (i % 2 == 1) proposer->observe(*config, orchestrator::LearningCurve{{1.0 / 9, full - 0.5}});
    else proposer->observe(*config, orchestrator::LearningCurve{{1.0 / 9, full - 0.5}, {1.0 / 3, full - 0.2}, {1.0, full}});
  }
  CHECK(proposer->propose(9, {}).has_value());
}
