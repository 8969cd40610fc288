#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "bayesopt/gaussian_process.h"
#include "random_gp.h"

using bayesopt::GaussianProcess;
using bayesopt::GpHyperparameters;
using bayesopt_test::random_gp;
using bayesopt_test::random_gp_data;

namespace {

// Matern 5/2 at distance r, written out independently of the library.
double matern(double r) { return (1.0 + std::sqrt(5.0) * r + 5.0 * r * r / 3.0) * std::exp(-std::sqrt(5.0) * r); }

GpHyperparameters hyper(Eigen::VectorXd lengthscales, double signal, double noise, double mean) {
  GpHyperparameters h;
  h.lengthscales = std::move(lengthscales);
  h.signal_variance = signal;
  h.noise_variance = noise;
  h.mean = mean;
  return h;
}

}  // namespace

TEST_CASE("GP posterior matches a two-point case worked by hand") {
  // Points 0 and 1 (1-D) with targets 1 and -1; lengthscale 0.5, signal 2, noise 0.1, mean 0.5.
  Eigen::MatrixXd x(1, 2);
  x << 0.0, 1.0;
  const Eigen::Vector2d y(1.0, -1.0);
  const GaussianProcess gp(x, y, hyper(Eigen::VectorXd::Constant(1, 0.5), 2.0, 0.1, 0.5));

  // K = [[a, b], [b, a]], K^-1 = [[a, -b], [-b, a]] / (a^2 - b^2).
  const double a = 2.0 + 0.1;
  const double b = 2.0 * matern(1.0 / 0.5);
  const double det = a * a - b * b;
  const double r0 = 1.0 - 0.5;   // targets minus mean
  const double r1 = -1.0 - 0.5;
  const double w0 = (a * r0 - b * r1) / det;
  const double w1 = (-b * r0 + a * r1) / det;
  const double xs = 0.3;
  const double k0 = 2.0 * matern(xs / 0.5);
  const double k1 = 2.0 * matern((1.0 - xs) / 0.5);
  const double mean = 0.5 + k0 * w0 + k1 * w1;
  const double variance = 2.0 - (a * k0 * k0 - 2.0 * b * k0 * k1 + a * k1 * k1) / det;

  const auto p = gp.predict(Eigen::VectorXd::Constant(1, xs));
  CHECK(p.mean == doctest::Approx(mean).epsilon(1e-12));
  CHECK(p.variance == doctest::Approx(variance).epsilon(1e-12));
  // Far from the data: the prior.
  const auto far = gp.predict(Eigen::VectorXd::Constant(1, 40.0));
  CHECK(far.mean == doctest::Approx(0.5));
  CHECK(far.variance == doctest::Approx(2.0));
}

TEST_CASE("GP batch prediction equals one-by-one prediction") {
  const GaussianProcess gp = random_gp(3, 12, 5);
  std::mt19937_64 rng(6);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd points(3, 20);
  for (Eigen::Index i = 0; i < points.size(); ++i) points.data()[i] = u(rng);
  Eigen::VectorXd mean;
  Eigen::VectorXd variance;
  gp.predict(points, mean, variance);
  for (Eigen::Index i = 0; i < points.cols(); ++i) {
    const auto p = gp.predict(Eigen::VectorXd(points.col(i)));
    CHECK(mean[i] == doctest::Approx(p.mean).epsilon(1e-9));
    CHECK(variance[i] == doctest::Approx(p.variance).epsilon(1e-7));
  }
}

TEST_CASE("GP mean and variance gradients match finite differences") {
  const GaussianProcess gp = random_gp(3, 12, 7);
  const Eigen::Vector3d x(0.31, 0.62, 0.47);
  const auto p = gp.predict_with_gradient(x);
  const double h = 1e-6;
  for (int j = 0; j < 3; ++j) {
    Eigen::Vector3d up = x;
    Eigen::Vector3d down = x;
    up[j] += h;
    down[j] -= h;
    const auto pu = gp.predict(up);
    const auto pd = gp.predict(down);
    CHECK(p.mean_gradient[j] == doctest::Approx((pu.mean - pd.mean) / (2 * h)).epsilon(1e-5));
    CHECK(p.variance_gradient[j] == doctest::Approx((pu.variance - pd.variance) / (2 * h)).epsilon(1e-5));
  }
}

TEST_CASE("GP fantasy keeps the mean and shrinks the variance near the fantasised point") {
  GaussianProcess gp = random_gp(2, 8, 8);
  const Eigen::Vector2d at(0.9, 0.1);
  const Eigen::Vector2d near(0.88, 0.12);
  const Eigen::Vector2d far(0.1, 0.9);
  const auto before_near = gp.predict(near);
  const auto before_far = gp.predict(far);
  gp.add_fantasy(at);
  CHECK(gp.size() == 9);
  const auto after_near = gp.predict(near);
  CHECK(after_near.mean == doctest::Approx(before_near.mean).epsilon(1e-8));
  CHECK(after_near.variance < 0.5 * before_near.variance);
  CHECK(gp.predict(far).variance == doctest::Approx(before_far.variance).epsilon(0.05));
}

TEST_CASE("GP fantasies: an outcome z shifts the mean by loadings . z and leaves the variance") {
  const bayesopt_test::GpData data = random_gp_data(2, 8, 9);
  GaussianProcess gp = data.gp();
  const Eigen::Vector2d p1(0.2, 0.7);
  const Eigen::Vector2d p2(0.3, 0.55);
  const auto prior1 = gp.predict(p1);
  const auto prior2 = gp.predict(p2);
  gp.add_fantasy(p1);
  gp.add_fantasy(p2);
  REQUIRE(gp.fantasies() == 2);
  // The outcomes' predictive variances given the real data, observation noise included.
  const Eigen::MatrixXd factor = gp.fantasy_factor();
  const Eigen::MatrixXd covariance = factor * factor.transpose();
  const double noise = data.hyperparameters.noise_variance;
  CHECK(covariance(0, 0) == doctest::Approx(prior1.variance + noise).epsilon(1e-9));
  CHECK(covariance(1, 1) == doctest::Approx(prior2.variance + noise).epsilon(1e-9));
  CHECK(factor(0, 1) == 0.0);

  // Those outcomes observed for real: a GP factorised from scratch on all ten points.
  const Eigen::Vector2d z(0.7, -1.3);
  const Eigen::VectorXd outcomes = gp.fantasy_targets() + factor * z;
  Eigen::MatrixXd inputs(2, 10);
  inputs << data.inputs, p1, p2;
  Eigen::VectorXd targets(10);
  targets << data.targets, outcomes;
  const GaussianProcess real(inputs, targets, data.hyperparameters);

  Eigen::MatrixXd points(2, 3);
  points << 0.25, 0.9, 0.1, 0.6, 0.2, 0.95;
  Eigen::VectorXd mean;
  Eigen::VectorXd variance;
  Eigen::MatrixXd loadings;
  gp.predict(points, mean, variance, &loadings);
  REQUIRE(loadings.rows() == 2);
  for (Eigen::Index i = 0; i < points.cols(); ++i) {
    CAPTURE(i);
    const auto truth = real.predict(Eigen::VectorXd(points.col(i)));
    CHECK(mean[i] + loadings.col(i).dot(z) == doctest::Approx(truth.mean).epsilon(1e-8));
    CHECK(variance[i] == doctest::Approx(truth.variance).epsilon(1e-7));
    const auto single = gp.predict_with_gradient(points.col(i), true);
    CHECK((single.fantasy_loadings - loadings.col(i)).norm() < 1e-10);
  }
}

TEST_CASE("GP fantasy loading gradients match finite differences") {
  GaussianProcess gp = random_gp(3, 10, 10);
  gp.add_fantasy(Eigen::Vector3d(0.4, 0.4, 0.5));
  gp.add_fantasy(Eigen::Vector3d(0.6, 0.3, 0.5));
  const Eigen::Vector3d x(0.45, 0.35, 0.6);
  const auto p = gp.predict_with_gradient(x, true);
  REQUIRE(p.fantasy_loadings_gradient.rows() == 3);
  REQUIRE(p.fantasy_loadings_gradient.cols() == 2);
  const double h = 1e-6;
  for (int j = 0; j < 3; ++j) {
    Eigen::Vector3d up = x;
    Eigen::Vector3d down = x;
    up[j] += h;
    down[j] -= h;
    const Eigen::VectorXd numeric =
        (gp.predict_with_gradient(up, true).fantasy_loadings - gp.predict_with_gradient(down, true).fantasy_loadings) / (2 * h);
    for (int f = 0; f < 2; ++f) CHECK(p.fantasy_loadings_gradient(j, f) == doctest::Approx(numeric[f]).epsilon(1e-5));
  }
}
