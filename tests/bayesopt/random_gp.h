// Test fixture: a small GP on random points of a smooth function, with fixed hyperparameters, and the
// data it was built from, so a test can rebuild it with more points from scratch.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

#include "bayesopt/gaussian_process.h"

namespace bayesopt_test {

struct GpData {
  Eigen::MatrixXd inputs;
  Eigen::VectorXd targets;
  bayesopt::GpHyperparameters hyperparameters;

  bayesopt::GaussianProcess gp() const { return {inputs, targets, hyperparameters}; }
};

inline GpData random_gp_data(int d, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  GpData data;
  data.inputs.resize(d, n);
  data.targets.resize(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) data.inputs(j, i) = u(rng);
    data.targets[i] = std::sin(5.0 * data.inputs(0, i)) + data.inputs.col(i).sum();
  }
  data.hyperparameters.lengthscales.resize(d);
  for (int j = 0; j < d; ++j) data.hyperparameters.lengthscales[j] = 0.3 + 0.2 * j;
  data.hyperparameters.signal_variance = 1.3;
  data.hyperparameters.noise_variance = 1e-3;
  data.hyperparameters.mean = 0.2;
  return data;
}

inline bayesopt::GaussianProcess random_gp(int d, int n, std::uint64_t seed) { return random_gp_data(d, n, seed).gp(); }

}  // namespace bayesopt_test
