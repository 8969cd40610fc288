// FailurePenalty: log of the estimated probability that a configuration runs without failing, from a
// GP fitted to success (0) / failure (1) labels. Added to the log acquisition, it steers proposals away
// from regions where trials failed or diverged, while the objective's GP never sees the failures.
#pragma once

#include <Eigen/Core>
#include <optional>

#include "bayesopt/gaussian_process.h"

namespace bayesopt {

class FailurePenalty {
 public:
  FailurePenalty() = default;  // no failures: no penalty
  explicit FailurePenalty(GaussianProcess failure_model) : model_(std::move(failure_model)) {}

  bool empty() const { return !model_.has_value(); }
  // log P(success) per column of points.
  Eigen::VectorXd operator()(const Eigen::MatrixXd& points) const;
  // log P(success) at x; adds its gradient to gradient.
  double with_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) const;

  // Success probabilities are floored here, so a penalty is strong but finite.
  static constexpr double kMinSuccess = 1e-6;

 private:
  std::optional<GaussianProcess> model_;
};

}  // namespace bayesopt
