// MarginalLikelihood: the log marginal likelihood of a Matern 5/2 ARD GP and its analytic gradient with
// respect to the packed log hyperparameters, plus the log prior; the objective hyperparameters maximise.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "bayesopt/gp_hyperparameters.h"

namespace bayesopt {

class MarginalLikelihood {
 public:
  // inputs: one point per column; targets: standardised values.
  MarginalLikelihood(const Eigen::MatrixXd& inputs, Eigen::VectorXd targets, GpPriors priors);

  // log p(targets | theta); fills gradient (same size as theta) when it is not null.
  double log_likelihood(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const;
  // log p(theta) under the priors, up to a constant; adds its gradient when not null.
  double log_prior(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const;
  // log_likelihood + log_prior: what hyperparameter fitting maximises.
  double log_posterior(const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) const;

  int dimensions() const { return static_cast<int>(squared_differences_.rows()); }
  const GpPriors& priors() const { return priors_; }

 private:
  // Column p holds (x_i - x_j)^2 per dimension for the p-th pair i < j, in row-major pair order.
  Eigen::MatrixXd squared_differences_;
  Eigen::VectorXd targets_;
  GpPriors priors_;
  Eigen::VectorXd prior_mean_;
  Eigen::VectorXd prior_sd_;
};

}  // namespace bayesopt
