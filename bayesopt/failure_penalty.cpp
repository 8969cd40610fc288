#include "bayesopt/failure_penalty.h"

#include <algorithm>
#include <cmath>

namespace bayesopt {

Eigen::VectorXd FailurePenalty::operator()(const Eigen::MatrixXd& points) const {
  if (!model_) return Eigen::VectorXd::Zero(points.cols());
  Eigen::VectorXd failure;
  Eigen::VectorXd variance;
  model_->predict(points, failure, variance);
  return (1.0 - failure.array()).max(kMinSuccess).min(1.0).log();
}

double FailurePenalty::with_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) const {
  if (!model_) return 0.0;
  const GaussianProcess::PredictionWithGradient p = model_->predict_with_gradient(x);
  const double success = 1.0 - p.mean;
  if (success <= kMinSuccess) return std::log(kMinSuccess);
  if (success >= 1.0) return 0.0;
  gradient -= p.mean_gradient / success;
  return std::log(success);
}

}  // namespace bayesopt
