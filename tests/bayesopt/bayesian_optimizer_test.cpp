#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <set>

#include "bayesopt/bayesian_optimizer.h"

using bayesopt::Assignment;
using bayesopt::BayesianOptimizer;
using bayesopt::OptimizerOptions;
using bayesopt::Parameter;
using bayesopt::SearchSpace;

namespace {

SearchSpace mixed_space() {
  return SearchSpace({Parameter::continuous("lr", 1e-5, 1e-1, true), Parameter::integer("layers", 1, 4),
                      Parameter::categorical("opt", {"sgd", "adam"}), Parameter::continuous("dropout", 0.0, 0.5, false, 0.1)});
}

double mixed_objective(const Assignment& a) {
  const double lr = std::log10(std::get<double>(a.at("lr"))) + 3.0;
  const double layers = double(std::get<std::int64_t>(a.at("layers"))) - 2.0;
  const double opt = std::get<std::string>(a.at("opt")) == "adam" ? 0.0 : 0.5;
  return lr * lr + 0.3 * layers * layers + opt + std::get<double>(a.at("dropout"));
}

double branin(const Assignment& a) {
  const double x = std::get<double>(a.at("x"));
  const double y = std::get<double>(a.at("y"));
  const double pi = std::numbers::pi;
  return std::pow(y - 5.1 / (4 * pi * pi) * x * x + 5 / pi * x - 6, 2) + 10 * (1 - 1 / (8 * pi)) * std::cos(x) + 10;
}

SearchSpace branin_space() {
  return SearchSpace({Parameter::continuous("x", -5.0, 10.0), Parameter::continuous("y", 0.0, 15.0)});
}

// Encoded configurations, compared exactly after the round trip through the space.
std::set<std::vector<double>> keys(const SearchSpace& space, const std::vector<Assignment>& configs) {
  std::set<std::vector<double>> out;
  for (const Assignment& a : configs) {
    const Eigen::VectorXd x = space.encode(a);
    out.insert(std::vector<double>(x.data(), x.data() + x.size()));
  }
  return out;
}

std::vector<Assignment> run(BayesianOptimizer& optimizer, int evaluations, double (*f)(const Assignment&)) {
  std::vector<Assignment> seen;
  for (int i = 0; i < evaluations; ++i) {
    const Assignment a = optimizer.suggest(1).front();
    optimizer.observe(a, f(a));
    seen.push_back(a);
  }
  return seen;
}

}  // namespace

TEST_CASE("suggest(k) gives k distinct valid configurations, none already observed or pending") {
  const SearchSpace space = mixed_space();
  BayesianOptimizer optimizer(space, OptimizerOptions{.seed = 3});
  std::vector<Assignment> history = run(optimizer, 12, mixed_objective);  // past the initial design
  const std::vector<Assignment> pending = optimizer.suggest(2);
  const std::vector<Assignment> batch = optimizer.suggest(6, pending);
  REQUIRE(batch.size() == 6);
  for (const Assignment& a : batch) CHECK_NOTHROW(space.encode(a));  // valid: encode validates
  CHECK(keys(space, batch).size() == 6);
  std::vector<Assignment> all = history;
  all.insert(all.end(), pending.begin(), pending.end());
  all.insert(all.end(), batch.begin(), batch.end());
  CHECK(keys(space, all).size() == all.size());
}

TEST_CASE("suggest(k) during the initial design also gives distinct configurations") {
  const SearchSpace space = mixed_space();
  BayesianOptimizer optimizer(space, OptimizerOptions{.seed = 4});
  const std::vector<Assignment> batch = optimizer.suggest(8);
  CHECK(keys(space, batch).size() == 8);
}

TEST_CASE("a space with fewer configurations than requested still answers") {
  const SearchSpace space({Parameter::integer("n", 1, 3), Parameter::fixed("tag", std::string("x"))});
  BayesianOptimizer optimizer(space, OptimizerOptions{.seed = 5});
  const std::vector<Assignment> batch = optimizer.suggest(5);
  REQUIRE(batch.size() == 5);
  CHECK(keys(space, {batch[0], batch[1], batch[2]}).size() == 3);  // every configuration before any repeat
  CHECK(std::get<std::string>(batch[0].at("tag")) == "x");
}

TEST_CASE("the same seed and history give the same suggestions") {
  BayesianOptimizer a(branin_space(), OptimizerOptions{.seed = 9});
  BayesianOptimizer b(branin_space(), OptimizerOptions{.seed = 9});
  const auto run_a = run(a, 15, branin);
  const auto run_b = run(b, 15, branin);
  CHECK(run_a == run_b);
  BayesianOptimizer c(branin_space(), OptimizerOptions{.seed = 10});
  CHECK(run(c, 15, branin) != run_a);
}

TEST_CASE("maximising finds the maximum of the negated function") {
  BayesianOptimizer optimizer(branin_space(), OptimizerOptions{.goal = OptimizerOptions::Goal::Maximize, .seed = 1});
  double best = -1e9;
  for (int i = 0; i < 30; ++i) {
    const Assignment a = optimizer.suggest(1).front();
    const double value = -branin(a);
    optimizer.observe(a, value);
    best = std::max(best, value);
  }
  CHECK(best > -0.397887 - 0.5);
}

TEST_CASE("failed configurations push proposals away from their region") {
  // Everything with x > 0.6 fails; the objective alone would pull proposals there (minimum at x = 1).
  const SearchSpace space({Parameter::continuous("x", 0.0, 1.0), Parameter::continuous("y", 0.0, 1.0)});
  BayesianOptimizer optimizer(space, OptimizerOptions{.seed = 2});
  int failures_after_design = 0;
  for (int i = 0; i < 30; ++i) {
    const Assignment a = optimizer.suggest(1).front();
    const double x = std::get<double>(a.at("x"));
    const double y = std::get<double>(a.at("y"));
    if (x > 0.6) {
      optimizer.observe_failure(a);
      if (i >= 10) ++failures_after_design;
    } else {
      optimizer.observe(a, -x + 0.1 * (y - 0.5) * (y - 0.5));
    }
  }
  CHECK(failures_after_design <= 8);  // without the penalty nearly all 20 model-based proposals fail
  CHECK(optimizer.observations() >= 15);
}

TEST_CASE("Branin: regret below 0.05 within 40 evaluations for most seeds") {
  int solved = 0;
  const int seeds = 5;
  for (int seed = 0; seed < seeds; ++seed) {
    BayesianOptimizer optimizer(branin_space(), OptimizerOptions{.seed = std::uint64_t(seed)});
    double best = 1e9;
    for (const Assignment& a : run(optimizer, 40, branin)) best = std::min(best, branin(a));
    if (best - 0.397887 < 0.05) ++solved;
  }
  CHECK(solved >= 4);
}

TEST_CASE("upper confidence bound is a working alternative acquisition") {
  BayesianOptimizer optimizer(branin_space(),
                              OptimizerOptions{.acquisition = OptimizerOptions::Acquisition::UpperConfidenceBound, .seed = 6});
  double best = 1e9;
  for (const Assignment& a : run(optimizer, 30, branin)) best = std::min(best, branin(a));
  CHECK(best - 0.397887 < 0.5);
}

TEST_CASE("an optimizer rebuilt from the history proposes a new configuration") {
  // The coordinator may rebuild the optimizer from stored trials before every proposal.
  const SearchSpace space = mixed_space();
  BayesianOptimizer first(space, OptimizerOptions{.seed = 8});
  const std::vector<Assignment> history = run(first, 14, mixed_objective);
  BayesianOptimizer rebuilt(space, OptimizerOptions{.seed = 8});
  for (const Assignment& a : history) rebuilt.observe(a, mixed_objective(a));
  CHECK(rebuilt.observations() == 14);
  std::vector<Assignment> all = history;
  all.push_back(rebuilt.suggest(1).front());
  CHECK(keys(space, all).size() == all.size());
}

TEST_CASE("non-finite values count as failures, not observations") {
  BayesianOptimizer optimizer(branin_space(), OptimizerOptions{.seed = 1});
  const Assignment a = optimizer.suggest(1).front();
  optimizer.observe(a, std::nan(""));
  CHECK(optimizer.observations() == 0);
  CHECK(optimizer.suggest(1).front() != a);
}

TEST_CASE("a parallel batch spreads out instead of piling onto one acquisition peak") {
  // On a smooth bowl the GP's mean promises improvement at its minimum, so a batch that forgot the
  // points it already holds would send every worker there.
  const SearchSpace space({Parameter::continuous("a", 0.0, 1.0), Parameter::continuous("b", 0.0, 1.0),
                           Parameter::continuous("c", 0.0, 1.0)});
  auto bowl = [](const Assignment& x) {
    double total = 0.0;
    for (const auto& [name, value] : x) total += std::pow(std::get<double>(value) - 0.3, 2);
    return total;
  };
  BayesianOptimizer optimizer(space, OptimizerOptions{.seed = 12});
  for (int i = 0; i < 12; ++i) {
    const Assignment a = optimizer.suggest(1).front();
    optimizer.observe(a, bowl(a));
  }
  const std::vector<Assignment> batch = optimizer.suggest(5);
  double widest = 0.0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    for (std::size_t j = i + 1; j < batch.size(); ++j) {
      widest = std::max(widest, (space.encode(batch[i]) - space.encode(batch[j])).norm());
    }
  }
  CHECK(widest > 0.15);  // a batch that forgot its earlier picks stays within ~0.07
}
