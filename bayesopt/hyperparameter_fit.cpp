#include "bayesopt/hyperparameter_fit.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "bayesopt/box_minimizer.h"
#include "bayesopt/marginal_likelihood.h"

namespace bayesopt {
namespace {

double score(const MarginalLikelihood& likelihood, const Eigen::VectorXd& theta) {
  try {
    return likelihood.log_posterior(theta, nullptr);
  } catch (const std::runtime_error&) {
    return -std::numeric_limits<double>::infinity();  // unfactorisable: never a start
  }
}

std::vector<Eigen::VectorXd> starting_points(const MarginalLikelihood& likelihood,
                                             const std::optional<GpHyperparameters>& warm_start,
                                             const FitOptions& options, std::mt19937_64& rng) {
  const int d = likelihood.dimensions();
  const GpPriors& priors = likelihood.priors();
  const Eigen::VectorXd lower = priors.lower_bounds(d);
  const Eigen::VectorXd upper = priors.upper_bounds(d);
  const Eigen::VectorXd mean = priors.prior_mean(d);
  const Eigen::VectorXd sd = priors.prior_sd(d);

  std::vector<Eigen::VectorXd> starts;
  const bool warm = warm_start && warm_start->lengthscales.size() == d;
  double warm_score = -std::numeric_limits<double>::infinity();
  if (warm) {
    starts.push_back(warm_start->pack().cwiseMax(lower).cwiseMin(upper));
    warm_score = score(likelihood, starts.back());
  }
  if (!warm || options.from_prior_mode) starts.push_back(mean.cwiseMax(lower).cwiseMin(upper));

  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::pair<double, Eigen::VectorXd>> draws;
  for (int i = 0; i < options.screened_draws; ++i) {
    Eigen::VectorXd theta(mean.size());
    for (Eigen::Index j = 0; j < theta.size(); ++j) theta[j] = mean[j] + sd[j] * normal(rng);
    theta = theta.cwiseMax(lower).cwiseMin(upper);
    draws.emplace_back(score(likelihood, theta), std::move(theta));
  }
  std::stable_sort(draws.begin(), draws.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int i = 0; i < static_cast<int>(draws.size()); ++i) {
    // Without a warm start, at least one draw; with one, a draw that beats it means the posterior
    // has moved since the last fit, which is worth a start.
    const int wanted = warm ? options.random_starts : std::max(options.random_starts, 1);
    if (i < wanted || (warm && draws[i].first > warm_score)) starts.push_back(draws[i].second);
  }
  return starts;
}

}  // namespace

GpHyperparameters fit_hyperparameters(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& targets,
                                      const GpPriors& priors, const std::optional<GpHyperparameters>& warm_start,
                                      const FitOptions& options, std::mt19937_64& rng) {
  const MarginalLikelihood likelihood(inputs, targets, priors);
  const int d = likelihood.dimensions();
  const Eigen::VectorXd lower = priors.lower_bounds(d);
  const Eigen::VectorXd upper = priors.upper_bounds(d);
  const SmoothObjective negative_posterior = [&likelihood](const Eigen::VectorXd& theta, Eigen::VectorXd& gradient) {
    try {
      const double value = -likelihood.log_posterior(theta, &gradient);
      gradient = -gradient;
      return value;
    } catch (const std::runtime_error&) {
      return std::numeric_limits<double>::infinity();
    }
  };
  BoxMinimum best{Eigen::VectorXd(), std::numeric_limits<double>::infinity()};
  for (const Eigen::VectorXd& start : starting_points(likelihood, warm_start, options, rng)) {
    BoxMinimum found = minimize_in_box(negative_posterior, start, lower, upper, options.max_iterations);
    if (found.value < best.value || best.x.size() == 0) best = std::move(found);
  }
  return GpHyperparameters::unpack(best.x);
}

}  // namespace bayesopt
