// BayesianOptimizer: proposes configurations to evaluate next from the ones observed so far, with a
// Gaussian process and an acquisition (log EI by default). Deterministic for a given seed; no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bayesopt/acquisition.h"
#include "bayesopt/search_space.h"

namespace bayesopt {

// One point of a trial's learning curve: the value it had reached with a fraction of its full budget.
struct BudgetedValue {
  double budget;  // in (0, 1]: epochs (or steps) run over the full length; 1 = a full-length result
  double value;
};

// An evaluation still running, with its learning curve so far (e.g. its best value at each hyperband rung
// it has passed): budgets below 1, ascending; empty when it has passed none, or when nobody keeps count.
struct PendingTrial {
  Assignment config;
  std::vector<BudgetedValue> curve_so_far;
};

struct OptimizerOptions {
  enum class Goal { Minimize, Maximize };
  // How a proposal accounts for evaluations still running (pending trials, and the earlier picks of the
  // same suggest(k) call).
  enum class PendingRule {
    // The acquisition averaged over joint draws of the pending outcomes from the GP: for log EI, the
    // greedy step of q-EI. For UCB, whose average over those draws is its value at the believed mean,
    // no draws are made: the variance shrunk around pending points spreads the batch (GP-BUCB).
    Fantasies,
    // Kriging believer: each pending outcome taken to be the GP's mean there. Cheaper, but its batches
    // explore too little (kept to measure against).
    KrigingBeliever,
  };

  // How values reached with less than the full budget (trials stopped early) enter the model.
  enum class Fidelity {
    // Every value counts as a full-length result, whatever budget it was reached with; only a curve's
    // last value is used. Honest but pessimistic for a stopped trial.
    Single,
    // Multi-fidelity: the budget is one more GP input (FidelityInputs), with its own ARD lengthscale, so
    // the GP learns how values change with budget instead of taking short runs for bad settings. Every
    // point of a curve is kept; proposals, the incumbent and pending trials are at the full budget.
    Multi,
  };

  Goal goal = Goal::Minimize;
  std::shared_ptr<const Acquisition> acquisition = make_acquisition("log_ei");  // see make_acquisition
  std::uint64_t seed = 0;
  int initial_points = 0;  // quasi-random points before the GP takes over; 0 = chosen from the dimension
  PendingRule pending_rule = PendingRule::Fantasies;
  Fidelity fidelity = Fidelity::Single;
};

class BayesianOptimizer {
 public:
  // Throws std::invalid_argument if options.acquisition is null.
  BayesianOptimizer(SearchSpace space, OptimizerOptions options);
  ~BayesianOptimizer();
  BayesianOptimizer(BayesianOptimizer&&) noexcept;
  BayesianOptimizer& operator=(BayesianOptimizer&&) noexcept;

  // A finished evaluation with its objective value (in the user's units; goal says which way is better),
  // reached with the full budget.
  void observe(const Assignment& config, double value);
  // An evaluation's learning curve: its values at the budgets it reached, the last point where it ended
  // (a stopped trial's budget is below 1). Fidelity::Single uses the last value alone, as observe() does;
  // a non-finite last value is a failure. Throws std::invalid_argument for an empty curve or a budget
  // outside (0, 1].
  void observe_curve(const Assignment& config, const std::vector<BudgetedValue>& curve);
  // An evaluation that failed or diverged: its region is avoided, the model's scale untouched.
  void observe_failure(const Assignment& config);

  // k new distinct configurations, none equal to a finished one, nor within VisitedPoints::kNearRunning
  // of a pending one or of each other, when the space allows it. A space with fewer configurations left
  // repeats finished ones, best first, before any running one.
  // pending: evaluations running now, each a fantasy at the full budget. With Fidelity::Multi, their
  // curves so far are also observations, for this call only: nothing is stored, so the curve told by
  // observe_curve when the evaluation ends is its only record. Fidelity::Single ignores them. Throws
  // std::invalid_argument for a curve budget outside (0, 1).
  std::vector<Assignment> suggest(int k, const std::vector<PendingTrial>& pending = {});
  // The same, for running evaluations whose curves so far are unknown.
  std::vector<Assignment> suggest(int k, const std::vector<Assignment>& pending);

  const SearchSpace& space() const;
  int observations() const;  // values observed (every curve point counts), failures not included

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bayesopt
