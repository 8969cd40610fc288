// GpHyperparameters: the Gaussian process's lengthscales, signal and noise variances and constant mean,
// with the log-space vector the marginal-likelihood optimiser works on, and the priors and bounds on it.
#pragma once

#include <Eigen/Core>

namespace bayesopt {

struct GpHyperparameters {
  Eigen::VectorXd lengthscales;  // one per input dimension (ARD), in unit-cube units
  double signal_variance = 1.0;
  double noise_variance = 1e-4;
  double mean = 0.0;

  // Packed as [log lengthscales..., log signal variance, log noise variance, mean].
  static int packed_size(int dimensions) { return dimensions + 3; }
  Eigen::VectorXd pack() const;
  static GpHyperparameters unpack(const Eigen::VectorXd& theta);
};

// Independent Gaussian priors on the packed (log) parameters, and hard bounds for the optimiser.
// Defaults assume inputs in the unit cube and standardised targets.
struct GpPriors {
  // Lengthscale prior median grows like sqrt(dimensions): distances between points do too.
  double lengthscale_log_median_at_1d = -1.0;  // log(0.37)
  double lengthscale_log_sd = 1.0;
  double signal_log_mean = 0.0;
  double signal_log_sd = 1.0;
  double noise_log_mean = -9.0;  // ~1e-4 of the target variance: objectives are usually nearly deterministic
  double noise_log_sd = 3.0;
  double mean_sd = 1.0;

  double min_lengthscale = 0.01, max_lengthscale = 50.0;
  double min_signal = 0.01, max_signal = 100.0;
  // A deterministic objective needs the GP to interpolate: with a floor of 1e-8 of the target variance,
  // UCB left Branin at regret 1.5e-5 after 50 evaluations (3e-9 with this one; log EI 1e-5 and 4e-6).
  // Noisy objectives fit above it.
  double min_noise = 1e-12, max_noise = 1.0;
  double max_abs_mean = 3.0;

  Eigen::VectorXd prior_mean(int dimensions) const;
  Eigen::VectorXd prior_sd(int dimensions) const;
  Eigen::VectorXd lower_bounds(int dimensions) const;
  Eigen::VectorXd upper_bounds(int dimensions) const;
};

}  // namespace bayesopt
