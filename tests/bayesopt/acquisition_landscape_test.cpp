#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "bayesopt/acquisition_landscape.h"
#include "random_gp.h"

using bayesopt::AcquisitionLandscape;
using bayesopt::FailurePenalty;
using bayesopt::GaussianProcess;
using bayesopt::make_acquisition;
using bayesopt::PendingOutcomes;

namespace {

// A 2-D GP with two fantasies (pending evaluations) near its best region.
GaussianProcess gp_with_pending() {
  GaussianProcess gp = bayesopt_test::random_gp(2, 8, 21);
  gp.add_fantasy(Eigen::Vector2d(0.15, 0.2));
  gp.add_fantasy(Eigen::Vector2d(0.3, 0.1));
  return gp;
}

void check_gradient(const AcquisitionLandscape& landscape, const Eigen::Vector2d& x) {
  Eigen::VectorXd gradient;
  const double value = landscape.score(x, gradient);
  CHECK(value == doctest::Approx(landscape.scores(x)[0]).epsilon(1e-9));
  const double h = 1e-6;
  for (int j = 0; j < 2; ++j) {
    Eigen::Vector2d up = x;
    Eigen::Vector2d down = x;
    up[j] += h;
    down[j] -= h;
    Eigen::VectorXd unused;
    const double numeric = (landscape.score(up, unused) - landscape.score(down, unused)) / (2 * h);
    CHECK(gradient[j] == doctest::Approx(numeric).epsilon(1e-4));
  }
}

}  // namespace

TEST_CASE("landscape gradients match finite differences, with and without pending draws") {
  const GaussianProcess gp = gp_with_pending();
  const FailurePenalty none;
  std::mt19937_64 rng(3);
  const PendingOutcomes pending(gp, 0.1, 64, rng);
  for (const char* name : {"log_ei", "ucb"}) {
    CAPTURE(name);
    const auto acquisition = make_acquisition(name);
    const AcquisitionLandscape plain(gp, *acquisition, 0.1, none);
    const AcquisitionLandscape averaged(gp, *acquisition, 0.1, none, &pending);
    for (const Eigen::Vector2d& x : {Eigen::Vector2d(0.2, 0.3), Eigen::Vector2d(0.7, 0.6)}) {
      check_gradient(plain, x);
      check_gradient(averaged, x);
    }
  }
}

TEST_CASE("UCB averaged over antithetic pending draws is UCB of the fantasised GP") {
  // UCB is linear in the mean, and the draws come in pairs (z, -z): pending outcomes cancel out.
  const GaussianProcess gp = gp_with_pending();
  const FailurePenalty none;
  std::mt19937_64 rng(4);
  const PendingOutcomes pending(gp, 0.1, 16, rng);
  const auto ucb = make_acquisition("ucb", 1.5);
  Eigen::MatrixXd points(2, 3);
  points << 0.2, 0.5, 0.9, 0.1, 0.5, 0.8;
  const Eigen::VectorXd plain = AcquisitionLandscape(gp, *ucb, 0.1, none).scores(points);
  const Eigen::VectorXd averaged = AcquisitionLandscape(gp, *ucb, 0.1, none, &pending).scores(points);
  CHECK((plain - averaged).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("log EI over pending draws is the q-EI gain of adding a point, checked by brute force") {
  // q-EI of {pending, x} minus q-EI of {pending}: E[max(min(best, y_pending) - f(x), 0)]. Brute force
  // draws the pending outcomes one after the other, each from the GP conditioned on the ones before it
  // (add_fantasy at the drawn value), then f(x) from the last GP: no loadings, no closed form.
  const bayesopt_test::GpData data = bayesopt_test::random_gp_data(2, 8, 21);
  const GaussianProcess base = data.gp();
  const std::vector<Eigen::VectorXd> pending_points{Eigen::Vector2d(0.15, 0.2), Eigen::Vector2d(0.3, 0.1)};
  GaussianProcess gp = base;
  for (const Eigen::VectorXd& p : pending_points) gp.add_fantasy(p);
  double best = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < data.inputs.cols(); ++i) best = std::min(best, base.predict(data.inputs.col(i)).mean);

  const Eigen::Vector2d x(0.22, 0.16);
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(0.0, 1.0);
  const double noise = data.hyperparameters.noise_variance;
  const int draws = 20000;
  double total = 0.0;
  for (int s = 0; s < draws; ++s) {
    GaussianProcess conditioned = base;
    double incumbent = best;
    for (const Eigen::VectorXd& p : pending_points) {
      const auto prediction = conditioned.predict(p);
      const double outcome = prediction.mean + std::sqrt(prediction.variance + noise) * normal(rng);
      incumbent = std::min(incumbent, outcome);
      conditioned.add_fantasy(p, outcome);
    }
    const auto at_x = conditioned.predict(x);
    total += std::max(incumbent - (at_x.mean + std::sqrt(at_x.variance) * normal(rng)), 0.0);
  }
  const double brute_force = total / draws;

  const PendingOutcomes pending(gp, best, draws, rng);
  const FailurePenalty none;
  const auto log_ei = make_acquisition("log_ei");
  const double landscape = std::exp(AcquisitionLandscape(gp, *log_ei, best, none, &pending).scores(x)[0]);
  CHECK(brute_force > 1e-3);  // the case is not trivial: improvement is likely
  CHECK(landscape == doctest::Approx(brute_force).epsilon(0.03));
  // Ignoring the pending outcomes (plain EI of the fantasised GP) gives a clearly different value.
  const double plain = std::exp(AcquisitionLandscape(gp, *log_ei, best, none).scores(x)[0]);
  CHECK(std::abs(plain - brute_force) > 0.1 * brute_force);
}
