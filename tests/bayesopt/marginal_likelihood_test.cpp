#include <doctest/doctest.h>

#include <Eigen/LU>
#include <cmath>
#include <numbers>
#include <random>

#include "bayesopt/marginal_likelihood.h"

using bayesopt::GpHyperparameters;
using bayesopt::GpPriors;
using bayesopt::MarginalLikelihood;

namespace {

struct Data {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

Data noisy_samples(int d, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Data data{Eigen::MatrixXd(d, n), Eigen::VectorXd(n)};
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) data.x(j, i) = u(rng);
    data.y[i] = std::cos(4.0 * data.x(0, i)) - data.x(d - 1, i) + 0.1 * u(rng);
  }
  return data;
}

Eigen::VectorXd some_theta(int d) {
  GpHyperparameters h;
  h.lengthscales = Eigen::VectorXd::LinSpaced(d, 0.2, 0.9);
  h.signal_variance = 1.4;
  h.noise_variance = 0.02;
  h.mean = -0.3;
  return h.pack();
}

}  // namespace

TEST_CASE("log marginal likelihood equals the dense textbook formula") {
  const Data data = noisy_samples(2, 7, 11);
  const MarginalLikelihood lml(data.x, data.y, GpPriors{});
  const Eigen::VectorXd theta = some_theta(2);
  const GpHyperparameters h = GpHyperparameters::unpack(theta);
  Eigen::MatrixXd k(7, 7);
  for (int i = 0; i < 7; ++i) {
    for (int j = 0; j < 7; ++j) {
      const double r = std::sqrt((data.x.col(i) - data.x.col(j)).cwiseQuotient(h.lengthscales).squaredNorm());
      k(i, j) = h.signal_variance * (1 + std::sqrt(5.0) * r + 5.0 / 3.0 * r * r) * std::exp(-std::sqrt(5.0) * r);
    }
    k(i, i) += h.noise_variance;
  }
  const Eigen::VectorXd residual = data.y.array() - h.mean;
  const double expected = -0.5 * residual.dot(k.inverse() * residual) - 0.5 * std::log(k.determinant()) -
                          3.5 * std::log(2 * std::numbers::pi);
  CHECK(lml.log_likelihood(theta, nullptr) == doctest::Approx(expected).epsilon(1e-10));
}

TEST_CASE("log marginal likelihood gradient matches central finite differences") {
  const Data data = noisy_samples(3, 15, 12);
  const MarginalLikelihood lml(data.x, data.y, GpPriors{});
  const Eigen::VectorXd theta = some_theta(3);
  Eigen::VectorXd gradient;
  lml.log_likelihood(theta, &gradient);
  Eigen::VectorXd posterior_gradient;
  lml.log_posterior(theta, &posterior_gradient);
  const double h = 1e-5;
  for (Eigen::Index j = 0; j < theta.size(); ++j) {
    Eigen::VectorXd up = theta;
    Eigen::VectorXd down = theta;
    up[j] += h;
    down[j] -= h;
    const double numeric = (lml.log_likelihood(up, nullptr) - lml.log_likelihood(down, nullptr)) / (2 * h);
    CHECK(gradient[j] == doctest::Approx(numeric).epsilon(1e-5));
    const double numeric_posterior = (lml.log_posterior(up, nullptr) - lml.log_posterior(down, nullptr)) / (2 * h);
    CHECK(posterior_gradient[j] == doctest::Approx(numeric_posterior).epsilon(1e-5));
  }
}
