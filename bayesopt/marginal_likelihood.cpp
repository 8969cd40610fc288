#include "bayesopt/marginal_likelihood.h"

#include <cmath>
#include <numbers>

#include "bayesopt/jittered_cholesky.h"
#include "bayesopt/gaussian_process.h"

namespace bayesopt {

MarginalLikelihood::MarginalLikelihood(const Eigen::MatrixXd& inputs, Eigen::VectorXd targets, GpPriors priors)
    : targets_(std::move(targets)), priors_(priors) {
  const Eigen::Index n = inputs.cols();
  squared_differences_.resize(inputs.rows(), n * (n - 1) / 2);
  Eigen::Index pair = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i + 1; j < n; ++j) {
      squared_differences_.col(pair++) = (inputs.col(i) - inputs.col(j)).cwiseAbs2();
    }
  }
  prior_mean_ = priors_.prior_mean(dimensions());
  prior_sd_ = priors_.prior_sd(dimensions());
}

double MarginalLikelihood::log_likelihood(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const {
  using Kernel = GaussianProcess::Kernel;  // one place to swap the kernel
  const GpHyperparameters h = GpHyperparameters::unpack(theta);
  const Eigen::Index n = targets_.size();
  const Eigen::Index d = dimensions();
  const Eigen::VectorXd inverse_l2 = h.lengthscales.array().square().inverse();
  const Eigen::VectorXd r2 = squared_differences_.transpose() * inverse_l2;

  Eigen::MatrixXd covariance(n, n);
  Eigen::Index pair = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    covariance(i, i) = h.signal_variance + h.noise_variance;
    for (Eigen::Index j = i + 1; j < n; ++j) {
      covariance(j, i) = h.signal_variance * Kernel::correlation(r2[pair++]);
    }
  }
  Eigen::LLT<Eigen::MatrixXd> llt;
  factorize_with_jitter(covariance, llt);
  const Eigen::VectorXd residual = targets_.array() - h.mean;
  const Eigen::VectorXd alpha = llt.solve(residual);
  const Eigen::MatrixXd& factor = llt.matrixLLT();
  const double log_det = 2.0 * factor.diagonal().array().log().sum();
  const double value =
      -0.5 * residual.dot(alpha) - 0.5 * log_det - 0.5 * double(n) * std::log(2.0 * std::numbers::pi);
  if (gradient == nullptr) return value;

  // d/dtheta = 1/2 tr(W dK/dtheta) with W = alpha alpha^T - K^-1.
  Eigen::MatrixXd inverse = Eigen::MatrixXd::Identity(n, n);
  llt.matrixL().solveInPlace(inverse);  // L^-1
  Eigen::MatrixXd kinv = Eigen::MatrixXd::Zero(n, n);
  kinv.selfadjointView<Eigen::Lower>().rankUpdate(inverse.transpose());  // L^-T L^-1, lower triangle
  Eigen::VectorXd lengthscale_weights(squared_differences_.cols());
  double signal_term = 0.0;
  pair = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    signal_term += 0.5 * (alpha[i] * alpha[i] - kinv(i, i));
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double w = alpha[i] * alpha[j] - kinv(j, i);
      signal_term += w * Kernel::correlation(r2[pair]);
      lengthscale_weights[pair] = w * Kernel::slope(r2[pair]);
      ++pair;
    }
  }
  gradient->resize(theta.size());
  // dK_ij/dlog l_d = s2 * slope(r2) * (-2 (dx_d / l_d)^2)
  gradient->head(d) = (-2.0 * h.signal_variance) * (squared_differences_ * lengthscale_weights).cwiseProduct(inverse_l2);
  (*gradient)[d] = h.signal_variance * signal_term;
  (*gradient)[d + 1] = 0.5 * h.noise_variance * (alpha.squaredNorm() - kinv.diagonal().sum());
  (*gradient)[d + 2] = alpha.sum();
  return value;
}

double MarginalLikelihood::log_prior(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const {
  const Eigen::ArrayXd z = (theta - prior_mean_).array() / prior_sd_.array();
  if (gradient != nullptr) gradient->array() -= z / prior_sd_.array();
  return -0.5 * z.square().sum();
}

double MarginalLikelihood::log_posterior(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const {
  const double likelihood = log_likelihood(theta, gradient);
  return likelihood + log_prior(theta, gradient);
}

}  // namespace bayesopt
