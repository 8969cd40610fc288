// GaussianProcess: the posterior of a Matern 5/2 ARD Gaussian process with constant mean and Gaussian
// noise, for fixed hyperparameters. Predicts latent mean and variance, with gradients for optimisation.
#pragma once

#include <Eigen/Core>

#include "bayesopt/gp_hyperparameters.h"
#include "bayesopt/matern_kernel.h"

namespace bayesopt {

class GaussianProcess {
 public:
  using Kernel = Matern52;  // any type with correlation(r2) and slope(r2) fits

  struct Prediction {
    double mean;
    double variance;  // of the latent function, without observation noise
  };
  struct PredictionWithGradient {
    double mean;
    double variance;
    Eigen::VectorXd mean_gradient;
    Eigen::VectorXd variance_gradient;
  };

  // inputs: one point per column (dimensions x n); targets: n values.
  GaussianProcess(Eigen::MatrixXd inputs, Eigen::VectorXd targets, GpHyperparameters hyperparameters);

  Prediction predict(const Eigen::VectorXd& x) const;
  PredictionWithGradient predict_with_gradient(const Eigen::VectorXd& x) const;
  // Many points at once (one per column): much faster than one by one.
  void predict(const Eigen::MatrixXd& points, Eigen::VectorXd& mean, Eigen::VectorXd& variance) const;

  // Kriging believer: conditions on a pretend observation at x equal to the posterior mean there.
  // The mean is unchanged everywhere; the variance shrinks around x, steering later proposals away.
  void add_fantasy(const Eigen::VectorXd& x);
  // Conditions on a pretend observation y at x, hyperparameters unchanged (constant liar). O(n^2).
  void add_fantasy(const Eigen::VectorXd& x, double y);

  int size() const { return static_cast<int>(targets_.size()); }
  int dimensions() const { return static_cast<int>(inputs_.rows()); }
  const GpHyperparameters& hyperparameters() const { return hyperparameters_; }

 private:
  Eigen::VectorXd cross_covariance(const Eigen::VectorXd& x) const;
  void solve_weights();

  Eigen::MatrixXd inputs_;
  Eigen::VectorXd targets_;
  GpHyperparameters hyperparameters_;
  Eigen::VectorXd inverse_squared_lengthscales_;
  Eigen::MatrixXd scaled_inputs_;  // inputs / lengthscale, for fast batched distances
  Eigen::MatrixXd cholesky_;       // lower triangle of K + noise I (+ jitter)
  Eigen::VectorXd weights_;        // (K + noise I)^-1 (targets - mean)
};

}  // namespace bayesopt
