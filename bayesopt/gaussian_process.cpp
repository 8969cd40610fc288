#include "bayesopt/gaussian_process.h"

#include <cmath>
#include <stdexcept>

#include "bayesopt/jittered_cholesky.h"

namespace bayesopt {
namespace {

// Variance floor relative to the signal variance, so the standard deviation never reaches zero.
constexpr double kMinRelativeVariance = 1e-12;

}  // namespace

GaussianProcess::GaussianProcess(Eigen::MatrixXd inputs, Eigen::VectorXd targets, GpHyperparameters hyperparameters)
    : inputs_(std::move(inputs)), targets_(std::move(targets)), hyperparameters_(std::move(hyperparameters)) {
  if (inputs_.cols() != targets_.size() || inputs_.rows() != hyperparameters_.lengthscales.size()) {
    throw std::invalid_argument("GaussianProcess: inputs, targets and lengthscales disagree in size");
  }
  inverse_squared_lengthscales_ = hyperparameters_.lengthscales.array().square().inverse();
  scaled_inputs_ = hyperparameters_.lengthscales.asDiagonal().inverse() * inputs_;
  const Eigen::Index n = inputs_.cols();
  Eigen::MatrixXd covariance(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = j; i < n; ++i) {
      const double r2 = (scaled_inputs_.col(i) - scaled_inputs_.col(j)).squaredNorm();
      covariance(i, j) = hyperparameters_.signal_variance * Kernel::correlation(r2);
    }
    covariance(j, j) += hyperparameters_.noise_variance;
  }
  covariance.triangularView<Eigen::StrictlyUpper>() = covariance.transpose();
  Eigen::LLT<Eigen::MatrixXd> llt;
  factorize_with_jitter(covariance, llt);
  cholesky_ = llt.matrixL();
  solve_weights();
}

void GaussianProcess::solve_weights() {
  weights_ = (targets_.array() - hyperparameters_.mean).matrix();
  cholesky_.triangularView<Eigen::Lower>().solveInPlace(weights_);
  cholesky_.triangularView<Eigen::Lower>().transpose().solveInPlace(weights_);
}

Eigen::VectorXd GaussianProcess::cross_covariance(const Eigen::VectorXd& x) const {
  const Eigen::VectorXd scaled = x.cwiseProduct(inverse_squared_lengthscales_.cwiseSqrt());
  Eigen::VectorXd k(inputs_.cols());
  for (Eigen::Index i = 0; i < k.size(); ++i) {
    k[i] = hyperparameters_.signal_variance * Kernel::correlation((scaled_inputs_.col(i) - scaled).squaredNorm());
  }
  return k;
}

GaussianProcess::Prediction GaussianProcess::predict(const Eigen::VectorXd& x) const {
  const Eigen::VectorXd k = cross_covariance(x);
  const Eigen::VectorXd v = cholesky_.triangularView<Eigen::Lower>().solve(k);
  const double s2 = hyperparameters_.signal_variance;
  return {hyperparameters_.mean + k.dot(weights_), std::max(s2 - v.squaredNorm(), kMinRelativeVariance * s2)};
}

GaussianProcess::PredictionWithGradient GaussianProcess::predict_with_gradient(const Eigen::VectorXd& x,
                                                                              bool with_fantasy_loadings) const {
  const Eigen::Index n = inputs_.cols();
  const double s2 = hyperparameters_.signal_variance;
  Eigen::VectorXd k(n);
  Eigen::MatrixXd k_gradient(x.size(), n);  // column i: d k_i / dx
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::VectorXd diff = x - inputs_.col(i);
    const double r2 = diff.cwiseAbs2().dot(inverse_squared_lengthscales_);
    k[i] = s2 * Kernel::correlation(r2);
    k_gradient.col(i) = (2.0 * s2 * Kernel::slope(r2)) * diff.cwiseProduct(inverse_squared_lengthscales_);
  }
  const Eigen::VectorXd v = cholesky_.triangularView<Eigen::Lower>().solve(k);
  const Eigen::VectorXd kinv_k = cholesky_.triangularView<Eigen::Lower>().transpose().solve(v);
  PredictionWithGradient out;
  out.mean = hyperparameters_.mean + k.dot(weights_);
  out.mean_gradient = k_gradient * weights_;
  const double variance = s2 - v.squaredNorm();
  if (variance > kMinRelativeVariance * s2) {
    out.variance = variance;
    out.variance_gradient = -2.0 * (k_gradient * kinv_k);
  } else {
    out.variance = kMinRelativeVariance * s2;
    out.variance_gradient = Eigen::VectorXd::Zero(x.size());
  }
  if (with_fantasy_loadings) {
    // The loadings are the tail of L^-1 k, so their gradients are the tail of L^-1 (d k / dx).
    Eigen::MatrixXd loading_gradient = k_gradient.transpose();
    cholesky_.triangularView<Eigen::Lower>().solveInPlace(loading_gradient);
    out.fantasy_loadings = v.tail(fantasies_);
    out.fantasy_loadings_gradient = loading_gradient.bottomRows(fantasies_).transpose();
  }
  return out;
}

Eigen::MatrixXd GaussianProcess::cross_covariances(const Eigen::MatrixXd& points) const {
  const Eigen::MatrixXd scaled = inverse_squared_lengthscales_.cwiseSqrt().asDiagonal() * points;
  // Squared distances via |a|^2 + |b|^2 - 2ab: one matrix product instead of n*m loops.
  Eigen::MatrixXd cross = -2.0 * (scaled_inputs_.transpose() * scaled);
  cross.colwise() += scaled_inputs_.colwise().squaredNorm().transpose();
  cross.rowwise() += scaled.colwise().squaredNorm();
  const double s2 = hyperparameters_.signal_variance;
  return cross.unaryExpr([s2](double r2) { return s2 * Kernel::correlation(std::max(r2, 0.0)); });
}

Eigen::VectorXd GaussianProcess::mean(const Eigen::MatrixXd& points) const {
  return (cross_covariances(points).transpose() * weights_).array() + hyperparameters_.mean;
}

void GaussianProcess::predict(const Eigen::MatrixXd& points, Eigen::VectorXd& mean, Eigen::VectorXd& variance,
                              Eigen::MatrixXd* fantasy_loadings) const {
  Eigen::MatrixXd cross = cross_covariances(points);
  const double s2 = hyperparameters_.signal_variance;
  mean = (cross.transpose() * weights_).array() + hyperparameters_.mean;
  cholesky_.triangularView<Eigen::Lower>().solveInPlace(cross);
  variance = (s2 - cross.colwise().squaredNorm().array()).max(kMinRelativeVariance * s2).transpose();
  if (fantasy_loadings) *fantasy_loadings = cross.bottomRows(fantasies_);
}

void GaussianProcess::add_fantasy(const Eigen::VectorXd& x) { add_fantasy(x, predict(x).mean); }

void GaussianProcess::add_fantasy(const Eigen::VectorXd& x, double y) {
  const Eigen::VectorXd k = cross_covariance(x);
  const Eigen::VectorXd v = cholesky_.triangularView<Eigen::Lower>().solve(k);
  const double s2 = hyperparameters_.signal_variance;
  // Appending a row to the Cholesky factor costs O(n^2), not a new O(n^3) factorisation.
  const double corner = s2 + hyperparameters_.noise_variance - v.squaredNorm();
  const Eigen::Index n = inputs_.cols();
  cholesky_.conservativeResize(n + 1, n + 1);
  cholesky_.col(n).setZero();
  cholesky_.row(n).head(n) = v.transpose();
  cholesky_(n, n) = std::sqrt(std::max(corner, 1e-10 * s2));
  inputs_.conservativeResize(Eigen::NoChange, n + 1);
  inputs_.col(n) = x;
  scaled_inputs_.conservativeResize(Eigen::NoChange, n + 1);
  scaled_inputs_.col(n) = x.cwiseProduct(inverse_squared_lengthscales_.cwiseSqrt());
  targets_.conservativeResize(n + 1);
  targets_[n] = y;
  ++fantasies_;
  solve_weights();
}

}  // namespace bayesopt
