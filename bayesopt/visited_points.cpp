#include "bayesopt/visited_points.h"

namespace bayesopt {

bool VisitedPoints::contains(const Eigen::VectorXd& point) const {
  for (const Eigen::VectorXd& p : points_) {
    if ((p - point).cwiseAbs().maxCoeff() <= radius_) return true;
  }
  return false;
}

}  // namespace bayesopt
