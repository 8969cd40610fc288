// VisitedPoints: encoded configurations already taken (observed, failed, running or proposed), so that
// the optimizer never hands out the same configuration twice, nor one next to a running evaluation.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace bayesopt {

class VisitedPoints {
 public:
  // Points closer than this (max-norm, unit cube) are the same configuration: it absorbs the rounding
  // of an encode/decode round trip, while distinct continuous values differ by far more.
  static constexpr double kSameConfiguration = 1e-9;
  // Around a running evaluation, whose outcome is unknown, a configuration this close (every coordinate
  // within 0.1% of its range) would teach nothing new. Finished ones keep kSameConfiguration: refining
  // right next to the best one seen is how the optimizer reaches high precision.
  static constexpr double kNearRunning = 1e-3;

  explicit VisitedPoints(double radius = kSameConfiguration) : radius_(radius) {}

  void add(const Eigen::VectorXd& point) { points_.push_back(point); }
  // Within the radius (max-norm) of an added point.
  bool contains(const Eigen::VectorXd& point) const;

 private:
  double radius_;
  std::vector<Eigen::VectorXd> points_;
};

}  // namespace bayesopt
