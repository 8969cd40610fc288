#include "report/parameter_importance.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

#include "bayesopt/gaussian_process.h"
#include "bayesopt/hyperparameter_fit.h"
#include "bayesopt/target_transform.h"
#include "report/main_effects.h"

namespace report {
namespace {

constexpr std::size_t kMinimumTrials = 4;
// Hyperparameters are fitted on at most kMaxFitPoints trials, as in the optimizer, and the GP conditions
// on at most kMaxModelPoints (seeded random subsets): a few hundred trials pin main effects down, while
// the cost grows like n^3 to fit and n^2 per prediction, so a 1000-trial sweep's report stays fast.
constexpr std::size_t kMaxFitPoints = 200;
constexpr std::size_t kMaxModelPoints = 400;
// The targets are standardised, so this is a fraction of the metric's variance: a model whose mean
// varies less than this has found nothing but noise, and fractions of its variance would mean nothing.
constexpr double kFlatModel = 0.01;

std::string show(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool varies(const bayesopt::Parameter& p) {
  using Kind = bayesopt::Parameter::Kind;
  switch (p.kind) {
    case Kind::Constant: return false;
    case Kind::Categorical: return p.choices.size() > 1;
    default: return p.low < p.high;
  }
}

// The trials that say something about the metric: a finite value and a configuration inside the space
// (failed or diverged trials, and trials of an older spec, do not).
struct Observations {
  std::vector<Eigen::VectorXd> points;  // encoded configurations
  std::vector<double> values;
};

Observations usable(const bayesopt::SearchSpace& space, const std::vector<bayesopt::Assignment>& configs,
                    const std::vector<double>& values) {
  Observations out;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    try {
      out.points.push_back(space.encode(configs[i]));
      out.values.push_back(values[i]);
    } catch (const std::invalid_argument&) {
    }
  }
  return out;
}

// A random `size` of the indices 0..n-1 (all of them if fewer), in ascending order.
std::vector<Eigen::Index> random_subset(std::size_t n, std::size_t size, std::mt19937_64& rng) {
  std::vector<Eigen::Index> all(n);
  std::iota(all.begin(), all.end(), 0);
  if (n <= size) return all;
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(size);
  std::sort(all.begin(), all.end());
  return all;
}

// The GP as the optimizer fits it: targets standardised by its TargetTransform (catastrophic values
// capped), MAP hyperparameters from bayesopt's multi-start fit.
bayesopt::GaussianProcess fit_model(const Observations& data, int dimensions, std::mt19937_64& rng) {
  const std::vector<Eigen::Index> modelled = random_subset(data.values.size(), kMaxModelPoints, rng);
  const Eigen::Index n = static_cast<Eigen::Index>(modelled.size());
  Eigen::MatrixXd inputs(dimensions, n);
  Eigen::VectorXd raw(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto trial = static_cast<std::size_t>(modelled[static_cast<std::size_t>(i)]);
    inputs.col(i) = data.points[trial];
    raw[i] = data.values[trial];
  }
  const bayesopt::TargetTransform transform(raw);
  const Eigen::VectorXd targets = raw.unaryExpr([&transform](double v) { return transform(v); });
  const std::vector<Eigen::Index> fitted_on = random_subset(modelled.size(), kMaxFitPoints, rng);
  const bayesopt::GpHyperparameters fitted = bayesopt::fit_hyperparameters(
      inputs(Eigen::all, fitted_on), targets(fitted_on), bayesopt::GpPriors{}, std::nullopt, bayesopt::FitOptions{}, rng);
  return bayesopt::GaussianProcess(inputs, targets, fitted);
}

ImportanceResult not_computed(std::string why, int trials) {
  ImportanceResult result;
  result.not_computed = std::move(why);
  result.trials = trials;
  return result;
}

}  // namespace

ImportanceResult parameter_importance(const bayesopt::SearchSpace& space, const std::vector<bayesopt::Assignment>& configs,
                                      const std::vector<double>& values, std::uint64_t seed) {
  if (configs.size() != values.size()) {
    throw std::invalid_argument("parameter_importance: " + std::to_string(configs.size()) + " configurations but " +
                                std::to_string(values.size()) + " values");
  }
  const Observations data = usable(space, configs, values);
  const int n = static_cast<int>(data.values.size());
  if (data.values.size() < kMinimumTrials) {
    return not_computed("needs at least " + std::to_string(kMinimumTrials) +
                            " finished trials with a finite metric (have " + std::to_string(n) + ")",
                        n);
  }
  if (std::none_of(space.parameters().begin(), space.parameters().end(), varies)) {
    return not_computed("the sweep varies no parameter", n);
  }
  const auto [low, high] = std::minmax_element(data.values.begin(), data.values.end());
  if (*high - *low <= 1e-12 * std::max({1.0, std::abs(*low), std::abs(*high)})) {
    return not_computed("the metric did not vary (every trial scored " + show(*low) + ")", n);
  }

  std::mt19937_64 rng(seed);
  const bayesopt::GaussianProcess gp = fit_model(data, space.dimensions(), rng);
  const MainEffects effects = main_effects(gp, space, MainEffectOptions{}, rng());
  if (effects.total_variance < kFlatModel) {
    return not_computed("the metric's variation looks like noise: the fitted model is flat", n);
  }
  ImportanceResult result;
  result.trials = n;
  for (std::size_t i = 0; i < effects.fractions.size(); ++i) {
    if (effects.fractions[i]) result.bars.push_back({space.parameters()[i].name, *effects.fractions[i]});
  }
  if (result.bars.empty()) return not_computed("the sweep varies no parameter", n);
  std::stable_sort(result.bars.begin(), result.bars.end(),
                   [](const ImportanceBar& a, const ImportanceBar& b) { return a.importance > b.importance; });
  return result;
}

}  // namespace report
