#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "bayesopt/gaussian_process.h"
#include "bayesopt/hyperparameter_fit.h"
#include "bayesopt/jittered_cholesky.h"

using bayesopt::GpHyperparameters;
using bayesopt::GpPriors;

TEST_CASE("fitted lengthscales tell a relevant dimension from an irrelevant one") {
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 30;
  Eigen::MatrixXd x(2, n);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    x(0, i) = u(rng);
    x(1, i) = u(rng);
    y[i] = std::sin(6.0 * x(0, i));  // x1 plays no part
  }
  const double mean = y.mean();
  const double sd = std::sqrt((y.array() - mean).square().mean());
  y = (y.array() - mean) / sd;
  const GpHyperparameters h = bayesopt::fit_hyperparameters(x, y, GpPriors{}, std::nullopt, {}, rng);
  CHECK(h.lengthscales[1] > 3.0 * h.lengthscales[0]);
  CHECK(h.noise_variance < 1e-2);  // noiseless data
  // The fitted GP interpolates a held-out point well.
  const bayesopt::GaussianProcess gp(x, y, h);
  const Eigen::Vector2d probe(0.37, 0.81);
  const double truth = (std::sin(6.0 * 0.37) - mean) / sd;
  CHECK(gp.predict(probe).mean == doctest::Approx(truth).epsilon(0.05));
}

TEST_CASE("fitting is deterministic for a seed and a warm start keeps a good fit") {
  std::mt19937_64 data_rng(22);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd x(3, 20);
  Eigen::VectorXd y(20);
  for (int i = 0; i < 20; ++i) {
    for (int j = 0; j < 3; ++j) x(j, i) = u(data_rng);
    y[i] = x(0, i) * x(1, i) - x(2, i);
  }
  std::mt19937_64 a(5);
  std::mt19937_64 b(5);
  const GpHyperparameters first = bayesopt::fit_hyperparameters(x, y, GpPriors{}, std::nullopt, {}, a);
  const GpHyperparameters second = bayesopt::fit_hyperparameters(x, y, GpPriors{}, std::nullopt, {}, b);
  CHECK(first.pack() == second.pack());
  const GpHyperparameters warm = bayesopt::fit_hyperparameters(x, y, GpPriors{}, first, {.random_starts = 0}, a);
  CHECK((warm.pack() - first.pack()).cwiseAbs().maxCoeff() < 0.05);
}

TEST_CASE("Cholesky adds jitter only when the covariance is singular") {
  Eigen::MatrixXd well = Eigen::MatrixXd::Identity(3, 3);
  Eigen::LLT<Eigen::MatrixXd> llt;
  CHECK(bayesopt::factorize_with_jitter(well, llt) == 0.0);
  Eigen::MatrixXd singular = Eigen::MatrixXd::Ones(3, 3);  // three identical points, no noise
  const double jitter = bayesopt::factorize_with_jitter(singular, llt);
  CHECK(jitter > 0.0);
  CHECK(jitter < 1e-3);
  CHECK(llt.info() == Eigen::Success);
}
