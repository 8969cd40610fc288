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
    // Only when asked for (see fantasy_factor): the fantasy loadings at x, and their gradients, one
    // column per fantasy (dimensions x fantasies()).
    Eigen::VectorXd fantasy_loadings;
    Eigen::MatrixXd fantasy_loadings_gradient;
  };

  // inputs: one point per column (dimensions x n); targets: n values.
  GaussianProcess(Eigen::MatrixXd inputs, Eigen::VectorXd targets, GpHyperparameters hyperparameters);

  Prediction predict(const Eigen::VectorXd& x) const;
  PredictionWithGradient predict_with_gradient(const Eigen::VectorXd& x, bool with_fantasy_loadings = false) const;
  // Many points at once (one per column): much faster than one by one. fantasy_loadings, when given,
  // receives one column of loadings per point (fantasies() x points).
  void predict(const Eigen::MatrixXd& points, Eigen::VectorXd& mean, Eigen::VectorXd& variance,
               Eigen::MatrixXd* fantasy_loadings = nullptr) const;

  // The posterior mean alone at many points (one per column): O(n) per point, where the variance is O(n^2).
  Eigen::VectorXd mean(const Eigen::MatrixXd& points) const;

  // Kriging believer: conditions on a pretend observation at x equal to the posterior mean there.
  // The mean is unchanged everywhere; the variance shrinks around x, steering later proposals away.
  void add_fantasy(const Eigen::VectorXd& x);
  // Conditions on a pretend observation y at x, hyperparameters unchanged (constant liar). O(n^2).
  void add_fantasy(const Eigen::VectorXd& x, double y);

  // Fantasies stand for evaluations still running, whose real outcomes are unknown. When each was added
  // at the posterior mean (add_fantasy(x)), those outcomes are distributed, given the real data, as
  // fantasy_targets() + fantasy_factor() z with z ~ N(0, I) (the factor is lower triangular); the
  // posterior they would give has this one's variance and its mean shifted by loadings(x) . z. So one
  // factorisation serves every imagined outcome.
  int fantasies() const { return fantasies_; }
  Eigen::VectorXd fantasy_targets() const { return targets_.tail(fantasies_); }
  Eigen::MatrixXd fantasy_factor() const { return cholesky_.bottomRightCorner(fantasies_, fantasies_); }

  int size() const { return static_cast<int>(targets_.size()); }
  int dimensions() const { return static_cast<int>(inputs_.rows()); }
  const GpHyperparameters& hyperparameters() const { return hyperparameters_; }

 private:
  Eigen::VectorXd cross_covariance(const Eigen::VectorXd& x) const;
  Eigen::MatrixXd cross_covariances(const Eigen::MatrixXd& points) const;  // inputs x points
  void solve_weights();

  Eigen::MatrixXd inputs_;
  Eigen::VectorXd targets_;
  GpHyperparameters hyperparameters_;
  Eigen::VectorXd inverse_squared_lengthscales_;
  Eigen::MatrixXd scaled_inputs_;  // inputs / lengthscale, for fast batched distances
  Eigen::MatrixXd cholesky_;       // lower triangle of K + noise I (+ jitter)
  Eigen::VectorXd weights_;        // (K + noise I)^-1 (targets - mean)
  int fantasies_ = 0;              // the last fantasies_ columns of inputs_ are pretend observations
};

}  // namespace bayesopt
