// TrialProposer: the configuration each new trial runs, by the sweep's method: grid (every
// combination once, in order), random (seeded per trial number), bayes (bayesopt, told of results).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator {

// A trial's metric values at the budgets it reached (fractions of its full length, ascending), the last
// point where it ended: what a proposer learns from a trial that did not fail.
using LearningCurve = std::vector<bayesopt::BudgetedValue>;

// A trial running now. curve_so_far: its best value at each hyperband rung it has passed (budgets below
// 1), for a multi-fidelity bayes proposer; empty when none would use it.
struct PendingTrial {
  Config config;
  LearningCurve curve_so_far;
};

class TrialProposer {
 public:
  virtual ~TrialProposer() = default;
  // The configuration of trial `number` (1-based), or nullopt when the method has no more.
  // pending: the trials running now.
  virtual std::optional<Config> propose(int number, const std::vector<PendingTrial>& pending) = 0;
  // A trial's result: its learning curve, or nullopt for a failure whose region should be avoided.
  virtual void observe(const Config& config, const std::optional<LearningCurve>& curve) = 0;
  // How many trials the method can propose at most (the grid size); nullopt if unbounded.
  virtual std::optional<std::uint64_t> limit() const = 0;
};

// Throws SpecError for a method it does not know.
std::unique_ptr<TrialProposer> make_trial_proposer(const SweepSpec& spec);

// The options the bayes method's optimizer gets: the metric's goal, the seed, and the acquisition and
// fidelity of the spec's `bayes:` block (log EI and single fidelity when there is none). Throws SpecError for an acquisition bayesopt refuses.
bayesopt::OptimizerOptions bayes_optimizer_options(const SweepSpec& spec);

}  // namespace orchestrator
