#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "bayesopt/fidelity_inputs.h"

using bayesopt::Assignment;
using bayesopt::BayesianOptimizer;
using bayesopt::BudgetedValue;
using bayesopt::OptimizerOptions;
using bayesopt::Parameter;
using bayesopt::SearchSpace;
using Fidelity = OptimizerOptions::Fidelity;

namespace {

SearchSpace line() { return SearchSpace({Parameter::continuous("x", 0.0, 1.0)}); }

Assignment at(double x) { return {{"x", x}}; }

// A learning-curve family: the loss after a fraction b of the full length, best (0) at x = 0.7 when run in
// full, and 0.8 (1 - b) worse for a run cut short, whatever its setting.
double loss(double x, double b) { return (x - 0.7) * (x - 0.7) + 0.8 * (1.0 - b); }

std::vector<BudgetedValue> curve(double x, const std::vector<double>& budgets) {
  std::vector<BudgetedValue> out;
  for (double b : budgets) out.push_back({b, loss(x, b)});
  return out;
}

// What hyperband leaves behind when the good region was reached only by trials it stopped: full curves
// (rungs 1/9, 1/3, then the end) left of 0.5; right of it, trials stopped at the first rung.
BayesianOptimizer misled_history(Fidelity fidelity) {
  BayesianOptimizer optimizer(line(), OptimizerOptions{.seed = 3, .fidelity = fidelity});
  for (double x : {0.05, 0.15, 0.25, 0.35, 0.45, 0.5}) optimizer.observe_curve(at(x), curve(x, {1.0 / 9, 1.0 / 3, 1.0}));
  for (double x : {0.55, 0.6, 0.65, 0.75, 0.8, 0.85, 0.9, 0.95}) optimizer.observe_curve(at(x), curve(x, {1.0 / 9}));
  return optimizer;
}

double proposed_x(BayesianOptimizer& optimizer) { return std::get<double>(optimizer.suggest(1).front().at("x")); }

}  // namespace

TEST_CASE("multi-fidelity: short runs of good settings are not taken for bad settings") {
  // The single-fidelity GP sees the right half as 0.7 worse than it is and proposes next to the best full
  // run (0.5); the multi-fidelity GP learns the cost of stopping from the full curves' rungs, so it
  // believes the stopped region is the best at full length and proposes at its optimum.
  BayesianOptimizer single = misled_history(Fidelity::Single);
  BayesianOptimizer multi = misled_history(Fidelity::Multi);
  const double from_single = proposed_x(single);
  const double from_multi = proposed_x(multi);
  MESSAGE("single fidelity proposes x = " << from_single << ", multi-fidelity x = " << from_multi);
  CHECK(from_single < 0.55);
  CHECK(std::abs(from_multi - 0.7) < 0.05);
}

TEST_CASE("single fidelity uses a curve's last value alone, exactly as observe() does") {
  BayesianOptimizer with_curves(line(), OptimizerOptions{.seed = 5});
  BayesianOptimizer with_values(line(), OptimizerOptions{.seed = 5});
  for (double x : {0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6}) {
    const std::vector<BudgetedValue> points = curve(x, {0.2, 0.5});
    with_curves.observe_curve(at(x), points);
    with_values.observe(at(x), points.back().value);  // the same double (not recomputed, which may round differently)
  }
  CHECK(with_curves.observations() == with_values.observations());
  const std::vector<Assignment> from_curves = with_curves.suggest(3);
  const std::vector<Assignment> from_values = with_values.suggest(3);
  CHECK(from_curves == from_values);
}

TEST_CASE("multi-fidelity: a curve is one evaluation, so the initial design goes on as with single values") {
  BayesianOptimizer multi(line(), OptimizerOptions{.seed = 9, .fidelity = Fidelity::Multi});
  BayesianOptimizer single(line(), OptimizerOptions{.seed = 9});
  for (int i = 0; i < 3; ++i) {
    const Assignment a = single.suggest(1).front();
    CHECK(multi.suggest(1).front() == a);
    const double x = std::get<double>(a.at("x"));
    const std::vector<BudgetedValue> points = curve(x, {1.0 / 9, 1.0 / 3, 1.0});
    multi.observe_curve(a, points);
    single.observe(a, points.back().value);
  }
  CHECK(multi.observations() == 9);
  CHECK(multi.suggest(1) == single.suggest(1));
}

TEST_CASE("multi-fidelity: budgets outside (0, 1] and empty curves are refused; a non-finite end is a failure") {
  BayesianOptimizer optimizer(line(), OptimizerOptions{.fidelity = Fidelity::Multi});
  CHECK_THROWS_AS(optimizer.observe_curve(at(0.5), {}), std::invalid_argument);
  CHECK_THROWS_AS(optimizer.observe_curve(at(0.5), {{0.0, 1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(optimizer.observe_curve(at(0.5), {{1.5, 1.0}}), std::invalid_argument);
  CHECK_THROWS_AS(optimizer.observe_curve(at(0.5), {{std::nan(""), 1.0}}), std::invalid_argument);
  optimizer.observe_curve(at(0.5), {{0.5, 1.0}, {1.0, std::nan("")}});
  CHECK(optimizer.observations() == 0);
  optimizer.observe_curve(at(0.2), {{0.5, std::nan("")}, {1.0, 2.0}});  // a lost point; the end counts
  CHECK(optimizer.observations() == 1);
}

TEST_CASE("fidelity coordinate: log scale, 1 at the full budget, 0 at 1/100 and below") {
  using bayesopt::FidelityInputs;
  CHECK(FidelityInputs::coordinate(1.0) == 1.0);
  CHECK(FidelityInputs::coordinate(0.1) == doctest::Approx(0.5));
  CHECK(FidelityInputs::coordinate(0.01) == doctest::Approx(0.0));
  CHECK(FidelityInputs::coordinate(1e-4) == 0.0);
  const FidelityInputs multi(true);
  const Eigen::MatrixXd inputs = multi.at(Eigen::MatrixXd::Constant(2, 2, 0.3), {1.0, 0.1});
  REQUIRE(inputs.rows() == 3);
  CHECK(inputs(2, 0) == 1.0);
  CHECK(inputs(2, 1) == doctest::Approx(0.5));
  const Eigen::MatrixXd configurations = Eigen::MatrixXd::Constant(2, 2, 0.3);
  CHECK(FidelityInputs(false).at_full_budget(configurations).rows() == 2);
  CHECK(multi.at_full_budget(configurations).row(2).minCoeff() == 1.0);
}

namespace {

// Full curves that put the optimum near 0.7, and one trial running at 0.2 that has passed rungs 1/9 and
// 1/3 with values `offset` away from what the family says there.
BayesianOptimizer beside_running(Fidelity fidelity) {
  BayesianOptimizer optimizer(line(), OptimizerOptions{.seed = 4, .fidelity = fidelity});
  for (double x : {0.05, 0.35, 0.5, 0.9, 0.95}) optimizer.observe_curve(at(x), curve(x, {1.0 / 9, 1.0 / 3, 1.0}));
  return optimizer;
}

using Running = std::vector<bayesopt::PendingTrial>;

bayesopt::PendingTrial running_at_02(double offset) {
  std::vector<BudgetedValue> so_far = curve(0.2, {1.0 / 9, 1.0 / 3});
  for (BudgetedValue& point : so_far) point.value += offset;
  return {at(0.2), so_far};
}

double proposed_beside(Fidelity fidelity, const Running& pending) {
  return std::get<double>(beside_running(fidelity).suggest(1, pending).front().at("x"));
}

}  // namespace

TEST_CASE("multi-fidelity: a running trial's good rungs pull the next proposal, bad ones push it; single fidelity ignores them") {
  for (Fidelity fidelity : {Fidelity::Multi, Fidelity::Single}) {
    const double unheard = proposed_beside(fidelity, {{at(0.2), {}}});
    const double good = proposed_beside(fidelity, {running_at_02(-1.0)});
    const double bad = proposed_beside(fidelity, {running_at_02(+1.0)});
    CAPTURE(unheard);
    CAPTURE(good);
    CAPTURE(bad);
    if (fidelity == Fidelity::Single) {
      CHECK(good == unheard);
      CHECK(bad == unheard);
      continue;
    }
    // Nearer the running trial than without its rungs, or farther (never within kNearRunning of it).
    CHECK(std::abs(good - 0.2) < std::abs(unheard - 0.2));
    CHECK(std::abs(bad - 0.2) > std::abs(unheard - 0.2));
  }
}

TEST_CASE("multi-fidelity: a running trial's rungs are heard for one proposal; its final curve is its only record") {
  BayesianOptimizer heard = beside_running(Fidelity::Multi);
  BayesianOptimizer unheard = beside_running(Fidelity::Multi);
  const int before = heard.observations();
  heard.suggest(1, Running{running_at_02(-1.0)});
  unheard.suggest(1, Running{{at(0.2), {}}});
  CHECK(heard.observations() == before);
  // The trial ends: both are told the same curve, and from then on propose alike.
  for (BayesianOptimizer* optimizer : {&heard, &unheard}) optimizer->observe_curve(at(0.2), curve(0.2, {1.0 / 9, 1.0 / 3, 1.0}));
  CHECK(heard.observations() == before + 3);
  CHECK(heard.suggest(2) == unheard.suggest(2));
}

TEST_CASE("suggest: a running trial's budgets must lie in (0, 1)") {
  BayesianOptimizer optimizer = beside_running(Fidelity::Multi);
  CHECK_THROWS_AS(optimizer.suggest(1, Running{{at(0.2), {{1.0, 0.5}}}}), std::invalid_argument);
  CHECK_THROWS_AS(optimizer.suggest(1, Running{{at(0.2), {{0.0, 0.5}}}}), std::invalid_argument);
  CHECK(optimizer.suggest(1, Running{{at(0.2), {{0.5, std::nan("")}}}}).size() == 1);  // a lost value is skipped
}
