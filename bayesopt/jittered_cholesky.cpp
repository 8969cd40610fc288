#include "bayesopt/jittered_cholesky.h"

#include <stdexcept>

namespace bayesopt {

double factorize_with_jitter(Eigen::MatrixXd& covariance, Eigen::LLT<Eigen::MatrixXd>& llt) {
  llt.compute(covariance);
  if (llt.info() == Eigen::Success) return 0.0;
  const double scale = covariance.diagonal().cwiseAbs().mean();
  double added = 0.0;
  for (double jitter = 1e-10 * scale; jitter <= 1e-1 * scale; jitter *= 10.0) {
    covariance.diagonal().array() += jitter - added;
    added = jitter;
    llt.compute(covariance);
    if (llt.info() == Eigen::Success) return added;
  }
  throw std::runtime_error("covariance matrix is not positive definite even with jitter " + std::to_string(added));
}

}  // namespace bayesopt
