// Cholesky factorisation of a covariance matrix that adds diagonal jitter only when the plain
// factorisation fails, so well-conditioned problems are solved exactly.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace bayesopt {

// Factorises covariance (adding jitter to its diagonal when needed) and returns the jitter added.
// Throws std::runtime_error if the matrix is not positive definite even with large jitter (e.g. NaNs).
double factorize_with_jitter(Eigen::MatrixXd& covariance, Eigen::LLT<Eigen::MatrixXd>& llt);

}  // namespace bayesopt
