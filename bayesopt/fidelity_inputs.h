// FidelityInputs: the GP's inputs under a fidelity rule: a configuration's coordinates alone, or, for the
// multi-fidelity model, one coordinate more for the budget its value was reached with (stopped trials).
#pragma once

#include <Eigen/Core>
#include <vector>

namespace bayesopt {

class FidelityInputs {
 public:
  explicit FidelityInputs(bool with_budget = false) : with_budget_(with_budget) {}

  bool with_budget() const { return with_budget_; }
  // Coordinates the GP sees beyond a configuration's: 0 or 1.
  int extra() const { return with_budget_ ? 1 : 0; }

  // configurations (one per column) at the given budgets (fractions of the full length, one per column).
  Eigen::MatrixXd at(const Eigen::MatrixXd& configurations, const std::vector<double>& budgets) const;
  // At the full budget: where proposals, the incumbent and pending trials are. Unchanged without budget.
  Eigen::MatrixXd at_full_budget(const Eigen::MatrixXd& configurations) const;
  Eigen::VectorXd at_full_budget(const Eigen::VectorXd& configuration) const;

  // A budget fraction's coordinate: 1 + log10(budget) / 2 in [0, 1], so 1 -> 1, 1/10 -> 0.5, 1/100 and
  // below -> 0. Log scale, as learning curves change most early on and hyperband's rungs are geometric; a
  // fixed scale, so the coordinate of an observation never moves as more arrive.
  static double coordinate(double budget);

 private:
  bool with_budget_;
};

}  // namespace bayesopt
