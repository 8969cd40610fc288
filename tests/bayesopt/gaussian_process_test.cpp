#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "bayesopt/gaussian_process.h"

using bayesopt::GaussianProcess;
using bayesopt::GpHyperparameters;

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

GaussianProcess random_gp(int d, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd x(d, n);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) x(j, i) = u(rng);
    y[i] = std::sin(5.0 * x(0, i)) + x.col(i).sum();
  }
  Eigen::VectorXd l(d);
  for (int j = 0; j < d; ++j) l[j] = 0.3 + 0.2 * j;
  return GaussianProcess(x, y, hyper(l, 1.3, 1e-3, 0.2));
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
