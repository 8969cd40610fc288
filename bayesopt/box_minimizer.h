// minimize_in_box: L-BFGS-B (LBFGSpp) on a smooth function inside box bounds, robust to the
// solver's exceptions and to non-finite values: it always returns the best point it evaluated.
#pragma once

#include <Eigen/Core>
#include <functional>

namespace bayesopt {

// Returns f(x) and writes its gradient.
using SmoothObjective = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& gradient)>;

struct BoxMinimum {
  Eigen::VectorXd x;
  double value;
};

BoxMinimum minimize_in_box(const SmoothObjective& objective, const Eigen::VectorXd& start, const Eigen::VectorXd& lower,
                           const Eigen::VectorXd& upper, int max_iterations);

}  // namespace bayesopt
