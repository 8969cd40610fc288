// BayesianOptimizer: proposes configurations to evaluate next from the ones observed so far,
// with a Gaussian process and log expected improvement. Deterministic for a given seed; no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bayesopt/search_space.h"

namespace bayesopt {

struct OptimizerOptions {
  enum class Goal { Minimize, Maximize };
  enum class Acquisition { LogExpectedImprovement, UpperConfidenceBound };

  Goal goal = Goal::Minimize;
  Acquisition acquisition = Acquisition::LogExpectedImprovement;
  std::uint64_t seed = 0;
  int initial_points = 0;  // quasi-random points before the GP takes over; 0 = chosen from the dimension
  double ucb_beta = 2.0;   // UpperConfidenceBound: standard deviations of optimism
};

class BayesianOptimizer {
 public:
  BayesianOptimizer(SearchSpace space, OptimizerOptions options);
  ~BayesianOptimizer();
  BayesianOptimizer(BayesianOptimizer&&) noexcept;
  BayesianOptimizer& operator=(BayesianOptimizer&&) noexcept;

  // A finished evaluation with its objective value (in the user's units; goal says which way is better).
  void observe(const Assignment& config, double value);
  // An evaluation that failed or diverged: its region is avoided, the model's scale untouched.
  void observe_failure(const Assignment& config);

  // k new distinct configurations, none equal to an observed or pending one when the space allows it.
  // pending: configurations being evaluated now (running trials).
  std::vector<Assignment> suggest(int k, const std::vector<Assignment>& pending = {});

  const SearchSpace& space() const;
  int observations() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bayesopt
