#include "bayesopt/acquisition.h"

#include <cmath>

#include "bayesopt/expected_improvement.h"

namespace bayesopt {

AcquisitionScore LogExpectedImprovement::operator()(double mean, double sd) const {
  const double z = (best - mean) / sd;
  const double slope = log_expected_improvement_slope(z);
  return {std::log(sd) + log_expected_improvement(z), -slope / sd, (1.0 - z * slope) / sd};
}

AcquisitionScore UpperConfidenceBound::operator()(double mean, double sd) const {
  return {-(mean - beta * sd), -1.0, beta};
}

}  // namespace bayesopt
