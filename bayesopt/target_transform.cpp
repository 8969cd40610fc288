#include "bayesopt/target_transform.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bayesopt {
namespace {

double quantile(const std::vector<double>& sorted, double p) {
  const double position = p * double(sorted.size() - 1);
  const auto lower = static_cast<std::size_t>(position);
  const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  return sorted[lower] + (position - double(lower)) * (sorted[upper] - sorted[lower]);
}

}  // namespace

TargetTransform::TargetTransform(const Eigen::VectorXd& values) : cap_(0.0), worst_(0.0), mean_(0.0), scale_(1.0) {
  if (values.size() == 0) return;
  std::vector<double> sorted(values.data(), values.data() + values.size());
  std::sort(sorted.begin(), sorted.end());
  const double q1 = quantile(sorted, 0.25);
  const double q3 = quantile(sorted, 0.75);
  worst_ = sorted.back();
  cap_ = q3 > q1 ? q3 + kCapIqr * (q3 - q1) : worst_;
  const Eigen::ArrayXd capped = values.array().min(cap_);
  mean_ = capped.mean();
  const double sd = std::sqrt((capped - mean_).square().mean());
  scale_ = sd > 0.0 ? sd : 1.0;
}

double TargetTransform::operator()(double value) const { return (std::min(value, cap_) - mean_) / scale_; }

}  // namespace bayesopt
