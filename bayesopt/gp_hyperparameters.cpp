#include "bayesopt/gp_hyperparameters.h"

#include <cmath>

namespace bayesopt {

Eigen::VectorXd GpHyperparameters::pack() const {
  const Eigen::Index d = lengthscales.size();
  Eigen::VectorXd theta(d + 3);
  theta.head(d) = lengthscales.array().log();
  theta[d] = std::log(signal_variance);
  theta[d + 1] = std::log(noise_variance);
  theta[d + 2] = mean;
  return theta;
}

GpHyperparameters GpHyperparameters::unpack(const Eigen::VectorXd& theta) {
  const Eigen::Index d = theta.size() - 3;
  GpHyperparameters h;
  h.lengthscales = theta.head(d).array().exp();
  h.signal_variance = std::exp(theta[d]);
  h.noise_variance = std::exp(theta[d + 1]);
  h.mean = theta[d + 2];
  return h;
}

Eigen::VectorXd GpPriors::prior_mean(int dimensions) const {
  Eigen::VectorXd mu(dimensions + 3);
  mu.head(dimensions).setConstant(lengthscale_log_median_at_1d + 0.5 * std::log(double(dimensions)));
  mu[dimensions] = signal_log_mean;
  mu[dimensions + 1] = noise_log_mean;
  mu[dimensions + 2] = 0.0;
  return mu;
}

Eigen::VectorXd GpPriors::prior_sd(int dimensions) const {
  Eigen::VectorXd sd(dimensions + 3);
  sd.head(dimensions).setConstant(lengthscale_log_sd);
  sd[dimensions] = signal_log_sd;
  sd[dimensions + 1] = noise_log_sd;
  sd[dimensions + 2] = mean_sd;
  return sd;
}

Eigen::VectorXd GpPriors::lower_bounds(int dimensions) const {
  Eigen::VectorXd lb(dimensions + 3);
  lb.head(dimensions).setConstant(std::log(min_lengthscale));
  lb[dimensions] = std::log(min_signal);
  lb[dimensions + 1] = std::log(min_noise);
  lb[dimensions + 2] = -max_abs_mean;
  return lb;
}

Eigen::VectorXd GpPriors::upper_bounds(int dimensions) const {
  Eigen::VectorXd ub(dimensions + 3);
  ub.head(dimensions).setConstant(std::log(max_lengthscale));
  ub[dimensions] = std::log(max_signal);
  ub[dimensions + 1] = std::log(max_noise);
  ub[dimensions + 2] = max_abs_mean;
  return ub;
}

}  // namespace bayesopt
