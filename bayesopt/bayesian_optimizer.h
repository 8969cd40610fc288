// BayesianOptimizer: proposes configurations to evaluate next from the ones observed so far, with a
// Gaussian process and an acquisition (log EI by default). Deterministic for a given seed; no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bayesopt/acquisition.h"
#include "bayesopt/search_space.h"

namespace bayesopt {

struct OptimizerOptions {
  enum class Goal { Minimize, Maximize };
  // How a proposal accounts for evaluations still running (pending trials, and the earlier picks of the
  // same suggest(k) call).
  enum class PendingRule {
    // The acquisition averaged over joint draws of the pending outcomes from the GP: for log EI, the
    // greedy step of q-EI. Near sequential quality at equal evaluations.
    Fantasies,
    // Kriging believer: each pending outcome taken to be the GP's mean there. Cheaper, but its batches
    // explore too little (kept to measure against).
    KrigingBeliever,
  };

  Goal goal = Goal::Minimize;
  std::shared_ptr<const Acquisition> acquisition = make_acquisition("log_ei");  // see make_acquisition
  std::uint64_t seed = 0;
  int initial_points = 0;  // quasi-random points before the GP takes over; 0 = chosen from the dimension
  PendingRule pending_rule = PendingRule::Fantasies;
};

class BayesianOptimizer {
 public:
  // Throws std::invalid_argument if options.acquisition is null.
  BayesianOptimizer(SearchSpace space, OptimizerOptions options);
  ~BayesianOptimizer();
  BayesianOptimizer(BayesianOptimizer&&) noexcept;
  BayesianOptimizer& operator=(BayesianOptimizer&&) noexcept;

  // A finished evaluation with its objective value (in the user's units; goal says which way is better).
  void observe(const Assignment& config, double value);
  // An evaluation that failed or diverged: its region is avoided, the model's scale untouched.
  void observe_failure(const Assignment& config);

  // k new distinct configurations, none equal to a finished one, nor within VisitedPoints::kNearRunning
  // of a pending one or of each other, when the space allows it. A space with fewer configurations left
  // repeats finished ones, best first, before any running one.
  // pending: configurations being evaluated now (running trials).
  std::vector<Assignment> suggest(int k, const std::vector<Assignment>& pending = {});

  const SearchSpace& space() const;
  int observations() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bayesopt
