#include "bayesopt/fidelity_inputs.h"

#include <algorithm>
#include <cmath>

namespace bayesopt {

double FidelityInputs::coordinate(double budget) { return std::clamp(1.0 + 0.5 * std::log10(budget), 0.0, 1.0); }

Eigen::MatrixXd FidelityInputs::at(const Eigen::MatrixXd& configurations, const std::vector<double>& budgets) const {
  if (!with_budget_) return configurations;
  Eigen::MatrixXd inputs(configurations.rows() + 1, configurations.cols());
  inputs.topRows(configurations.rows()) = configurations;
  for (Eigen::Index i = 0; i < configurations.cols(); ++i) inputs(configurations.rows(), i) = coordinate(budgets[i]);
  return inputs;
}

Eigen::MatrixXd FidelityInputs::at_full_budget(const Eigen::MatrixXd& configurations) const {
  return at(configurations, std::vector<double>(static_cast<std::size_t>(configurations.cols()), 1.0));
}

Eigen::VectorXd FidelityInputs::at_full_budget(const Eigen::VectorXd& configuration) const {
  return at_full_budget(Eigen::MatrixXd(configuration)).col(0);
}

}  // namespace bayesopt
