#include "bayesopt/box_minimizer.h"

#include <LBFGSB.h>

#include <cmath>
#include <exception>
#include <limits>

namespace bayesopt {

BoxMinimum minimize_in_box(const SmoothObjective& objective, const Eigen::VectorXd& start, const Eigen::VectorXd& lower,
                           const Eigen::VectorXd& upper, int max_iterations) {
  BoxMinimum best{start.cwiseMax(lower).cwiseMin(upper), std::numeric_limits<double>::infinity()};
  // The solver may stop on a point worse than one it tried (or throw), so the wrapper keeps the best.
  auto tracked = [&](const Eigen::VectorXd& x, Eigen::VectorXd& gradient) {
    double value = objective(x, gradient);
    if (!std::isfinite(value) || !gradient.allFinite()) {
      value = std::numeric_limits<double>::max();
      gradient.setZero();
    }
    if (value < best.value) best = {x, value};
    return value;
  };
  LBFGSpp::LBFGSBParam<double> param;
  param.max_iterations = max_iterations;
  param.epsilon = 1e-6;
  param.max_linesearch = 30;
  LBFGSpp::LBFGSBSolver<double> solver(param);
  Eigen::VectorXd x = best.x;
  double value = 0.0;
  try {
    solver.minimize(tracked, x, value, lower, upper);
  } catch (const std::exception&) {
    // Line-search failures only mean no further progress; the best point so far stands.
  }
  if (!std::isfinite(best.value)) {
    Eigen::VectorXd gradient(start.size());
    best.value = objective(best.x, gradient);
  }
  return best;
}

}  // namespace bayesopt
