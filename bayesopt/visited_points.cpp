#include "bayesopt/visited_points.h"

namespace bayesopt {

bool VisitedPoints::contains(const Eigen::VectorXd& point) const {
  for (const Eigen::VectorXd& p : points_) {
    if ((p - point).cwiseAbs().maxCoeff() <= kSameConfiguration) return true;
  }
  return false;
}

}  // namespace bayesopt
