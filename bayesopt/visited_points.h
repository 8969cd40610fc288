// VisitedPoints: the encoded configurations already observed, failed, pending or proposed, so that the
// optimizer never hands out the same configuration twice.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace bayesopt {

class VisitedPoints {
 public:
  // Points closer than this (max-norm, unit cube) are the same configuration: it absorbs the rounding
  // of an encode/decode round trip, while distinct continuous values differ by far more.
  static constexpr double kSameConfiguration = 1e-9;

  void add(const Eigen::VectorXd& point) { points_.push_back(point); }
  bool contains(const Eigen::VectorXd& point) const;

 private:
  std::vector<Eigen::VectorXd> points_;
};

}  // namespace bayesopt
