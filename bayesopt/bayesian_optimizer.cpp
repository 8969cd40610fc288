#include "bayesopt/bayesian_optimizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "bayesopt/acquisition_optimizer.h"
#include "bayesopt/pending_outcomes.h"
#include "bayesopt/failure_penalty.h"
#include "bayesopt/fidelity_inputs.h"
#include "bayesopt/gaussian_process.h"
#include "bayesopt/hyperparameter_fit.h"
#include "bayesopt/quasi_random.h"
#include "bayesopt/target_transform.h"
#include "bayesopt/visited_points.h"

namespace bayesopt {
namespace {
// Number of successful observations the GP needs before it can say anything useful.
constexpr int kMinimumForModel = 2;
// Observations the local candidate search is centred on.
constexpr std::size_t kAnchors = 3;
// Random draws tried when looking for an unvisited configuration without a model.
constexpr int kRandomTries = 200;
// Joint draws of the pending outcomes the Fantasies rule averages the acquisition over.
constexpr int kPendingDraws = 64;

// Two points per dimension: with d + 2, a 5-D Ackley search never found the central basin in 15 of 45
// seeds (4 of 45 with 2d), and Hartmann-6 and the mixed space also ended better (bayesopt_bench, 45 seeds).
int default_initial_points(int dimensions) { return std::clamp(2 * dimensions, 6, 12); }

// Beyond this many observations, hyperparameters are refitted only when the data have grown by
// kRefitGrowth since the last fit: one more point barely moves them, and a fit costs O(n^3) per step.
constexpr int kAlwaysRefitUpTo = 150;
constexpr double kRefitGrowth = 1.05;

// Hyperparameters are fitted on at most this many observations; the GP itself conditions on up to
// kMaxModelPoints. Keeps a cold fit at 500 observations well under a second, and a suggestion at 2,000
// observations near the cost at 1,000 (the Cholesky factor is O(n^3), each candidate's variance O(n^2)).
constexpr Eigen::Index kMaxFitPoints = 200;
constexpr Eigen::Index kMaxModelPoints = 1000;

// At most `limit` of the observations, the ones that matter most to a minimiser: the best third, plus an
// even spread over the rest by rank, so the model still sees the whole landscape's shape.
std::vector<Eigen::Index> representative_subset(const Eigen::VectorXd& targets, Eigen::Index limit) {
  const Eigen::Index n = targets.size();
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), 0);
  if (n <= limit) return order;
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return targets[a] < targets[b]; });
  const Eigen::Index best = limit / 3;
  std::vector<Eigen::Index> chosen(order.begin(), order.begin() + best);
  const double stride = double(n - best) / double(limit - best);
  for (Eigen::Index i = 0; i < limit - best; ++i) chosen.push_back(order[best + Eigen::Index(i * stride)]);
  return chosen;
}

// Cheaper hyperparameter fits as the data grow: the warm start from the last fit is then close already.
FitOptions fit_options_for(int observations) {
  FitOptions options;
  if (observations > 30) {
    options.random_starts = 0;
    options.screened_draws = 6;
    options.max_iterations = 40;
    options.from_prior_mode = false;
  }
  return options;
}

// Fewer candidates as the data grow, keeping the O(n^2) per-candidate variance cost bounded.
AcquisitionSearchOptions search_options_for(int observations) {
  AcquisitionSearchOptions options;
  const double n2 = std::max(1.0, double(observations) * observations);
  const int budget = static_cast<int>(std::clamp(1.5e7 / n2, 300.0, 2000.0));
  options.global_candidates = budget;
  options.local_candidates = budget / 2;
  return options;
}

// Configurations a proposal must avoid: finished ones exactly, running ones (pending trials and the
// batch's own earlier picks) with a margin.
struct TakenPoints {
  VisitedPoints finished;
  VisitedPoints running{VisitedPoints::kNearRunning};

  bool contains(const Eigen::VectorXd& x) const { return finished.contains(x) || running.contains(x); }
};

}  // namespace

struct BayesianOptimizer::State {
  SearchSpace space;
  OptimizerOptions options;
  std::mt19937_64 rng;
  FidelityInputs fidelity;
  std::vector<Eigen::VectorXd> observed;
  std::vector<double> values;   // always "smaller is better"
  std::vector<double> budgets;  // the fraction of the full budget each value was reached with
  std::vector<Eigen::VectorXd> failed;
  int trials = 0;  // evaluations told (one curve is one evaluation, however many points it has)
  Eigen::MatrixXd design;
  std::optional<GpHyperparameters> last_fit;
  int fitted_on = 0;  // observations (with failures) last_fit was fitted to

  State(SearchSpace s, OptimizerOptions o)
      : space(std::move(s)),
        options(std::move(o)),
        rng(options.seed),
        fidelity(options.fidelity == OptimizerOptions::Fidelity::Multi) {
    if (!options.acquisition) {
      throw std::invalid_argument("OptimizerOptions: acquisition is null (make one with make_acquisition: " +
                                  acquisition_names() + ")");
    }
    const int n0 = options.initial_points > 0 ? options.initial_points : default_initial_points(space.dimensions());
    design = latin_hypercube(space.dimensions(), n0, rng);
  }

  // A model-free proposal: design point `index` (or the next unvisited one), else a random configuration.
  // Indexing by trials started, not by matching, keeps the design on track even when observations come
  // back slightly changed (e.g. rounded by storage).
  std::optional<Eigen::VectorXd> space_filling(const TakenPoints& visited, int index) {
    for (Eigen::Index i = 0; i < design.cols(); ++i) {
      const Eigen::VectorXd point = space.snap(design.col((index + i) % design.cols()));
      if (!visited.contains(point)) return point;
    }
    return random_unvisited(visited);
  }

  std::optional<Eigen::VectorXd> random_unvisited(const TakenPoints& visited) {
    for (int i = 0; i < kRandomTries; ++i) {
      const Eigen::VectorXd point = space.encode(space.sample(rng));
      if (!visited.contains(point)) return point;
    }
    return std::nullopt;
  }

  // Every finished trial's encoded configuration, one per column: the observed ones, then the failed.
  Eigen::MatrixXd finished_inputs() const {
    Eigen::MatrixXd inputs(space.dimensions(), static_cast<Eigen::Index>(observed.size() + failed.size()));
    Eigen::Index column = 0;
    for (const Eigen::VectorXd& x : observed) inputs.col(column++) = x;
    for (const Eigen::VectorXd& x : failed) inputs.col(column++) = x;
    return inputs;
  }

  // The objective GP's inputs: finished_inputs() with, for the multi-fidelity model, each value's budget
  // (a failure counts as a full-length one: its region is to be avoided at any budget).
  Eigen::MatrixXd model_inputs() const {
    std::vector<double> at = budgets;
    at.resize(observed.size() + failed.size(), 1.0);
    return fidelity.at(finished_inputs(), at);
  }

  // The observations the incumbent and the local search are about: all of them with a single fidelity;
  // with several, the full-budget ones (all of them until there is one).
  std::vector<std::size_t> reference_observations() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < observed.size(); ++i)
      if (!fidelity.with_budget() || budgets[i] >= 1.0) out.push_back(i);
    if (out.empty()) {
      out.resize(observed.size());
      std::iota(out.begin(), out.end(), 0);
    }
    return out;
  }

  // Values in "smaller is better" form, as the model holds them.
  double minimised(double value) const { return options.goal == OptimizerOptions::Goal::Maximize ? -value : value; }

  // Running trials' curves so far, as GP observations for one suggestion (see suggest()).
  struct PartialCurves {
    Eigen::MatrixXd inputs;      // one column per point, at its budget
    std::vector<double> values;  // minimised
  };

  // None with a single fidelity, which has no place for a value reached short of the full budget.
  PartialCurves partial_curves(const std::vector<PendingTrial>& pending) const {
    std::vector<Eigen::VectorXd> points;
    std::vector<double> at;
    PartialCurves out;
    if (fidelity.with_budget()) {
      for (const PendingTrial& trial : pending) {
        for (const BudgetedValue& point : trial.curve_so_far) {
          if (!std::isfinite(point.value)) continue;
          points.push_back(space.encode(trial.config));
          at.push_back(point.budget);
          out.values.push_back(minimised(point.value));
        }
      }
    }
    Eigen::MatrixXd configurations(space.dimensions(), static_cast<Eigen::Index>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) configurations.col(static_cast<Eigen::Index>(i)) = points[i];
    out.inputs = fidelity.at(configurations, at);
    return out;
  }

  // The objective's GP. Failed trials enter it at the worst value seen, so the model itself learns to
  // avoid their region; the target transform uses real observations only, so the scale is unpoisoned.
  // partial: conditions this GP alone. The transform and the hyperparameters, and so the refit schedule,
  // follow the stored observations only: a few points that come and go with each suggestion should not
  // trigger refits, nor move the scale the stored values are compared on.
  GaussianProcess fit_model(const PartialCurves& partial) {
    const Eigen::Index successes = static_cast<Eigen::Index>(observed.size());
    const Eigen::Index n = successes + static_cast<Eigen::Index>(failed.size());
    const Eigen::Index total = n + partial.inputs.cols();
    const TargetTransform transform(Eigen::Map<const Eigen::VectorXd>(values.data(), successes));
    Eigen::MatrixXd inputs(space.dimensions() + fidelity.extra(), total);
    inputs << model_inputs(), partial.inputs;
    Eigen::VectorXd targets(total);
    for (Eigen::Index i = 0; i < n; ++i) targets[i] = i < successes ? transform(values[i]) : transform.worst();
    for (Eigen::Index i = n; i < total; ++i) targets[i] = transform(partial.values[static_cast<std::size_t>(i - n)]);
    if (!last_fit || n <= kAlwaysRefitUpTo || double(n) >= kRefitGrowth * double(fitted_on)) {
      const std::vector<Eigen::Index> subset = representative_subset(targets.head(n), kMaxFitPoints);
      last_fit = fit_hyperparameters(inputs(Eigen::all, subset), targets(subset), GpPriors{}, last_fit,
                                     fit_options_for(int(n)), rng);
      fitted_on = static_cast<int>(n);
    }
    if (total <= kMaxModelPoints) return GaussianProcess(inputs, targets, *last_fit);
    const std::vector<Eigen::Index> subset = representative_subset(targets, kMaxModelPoints);
    return GaussianProcess(inputs(Eigen::all, subset), targets(subset), *last_fit);
  }

  std::vector<Eigen::VectorXd> anchors() const {
    std::vector<std::size_t> order = reference_observations();
    const std::size_t count = std::min(kAnchors, order.size());
    std::partial_sort(order.begin(), order.begin() + count, order.end(),
                      [this](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<Eigen::VectorXd> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(observed[order[i]]);
    return out;
  }

  // A GP on success (0) / failure (1) labels of every finished trial: its mean estimates the failure
  // probability, near 1 around failures and 0 (the optimistic prior) far from them. Its lengthscales
  // are the objective's, kept moderate: failures usually come in regions (a too-large learning rate),
  // which a likelihood fit to a sharp success/failure boundary would shrink to a point.
  FailurePenalty failure_penalty(const GaussianProcess& objective) const {
    if (failed.empty()) return {};
    const Eigen::Index n = static_cast<Eigen::Index>(observed.size() + failed.size());
    Eigen::VectorXd labels = Eigen::VectorXd::Ones(n);
    labels.head(static_cast<Eigen::Index>(observed.size())).setZero();
    GpHyperparameters h;
    // (The configuration's lengthscales only: a failure is one at any budget.)
    h.lengthscales = objective.hyperparameters().lengthscales.head(space.dimensions()).cwiseMax(0.1).cwiseMin(0.5);
    h.signal_variance = 1.0;
    h.noise_variance = 0.01;
    h.mean = 0.0;
    const Eigen::MatrixXd inputs = finished_inputs();
    if (n <= kMaxModelPoints) return FailurePenalty(GaussianProcess(inputs, labels, h));
    // Failures rank first (negated labels), so the subset keeps them and thins the successes.
    const std::vector<Eigen::Index> subset = representative_subset(-labels, kMaxModelPoints);
    return FailurePenalty(GaussianProcess(inputs(Eigen::all, subset), labels(subset), h));
  }

  // The smallest posterior mean at an observed point, at the full budget: the value believed reached so far.
  double incumbent(const GaussianProcess& gp) const {
    if (observed.empty()) return std::numeric_limits<double>::infinity();
    const std::vector<std::size_t> reference = reference_observations();
    Eigen::MatrixXd points(space.dimensions(), static_cast<Eigen::Index>(reference.size()));
    for (std::size_t i = 0; i < reference.size(); ++i) points.col(static_cast<Eigen::Index>(i)) = observed[reference[i]];
    return gp.mean(fidelity.at_full_budget(points)).minCoeff();
  }

  // What one suggest() call proposes from. Pending and already-proposed points become fantasies of the
  // GP at its own mean, which shrinks the variance around them; how their unknown outcomes then enter
  // the acquisition is the pending rule's business.
  struct Model {
    GaussianProcess gp;
    double incumbent;
    FailurePenalty penalty;
    OptimizerOptions::PendingRule rule;
    FidelityInputs inputs;

    // x: a configuration, run to the full budget.
    void believe(const Eigen::VectorXd& x) {
      const Eigen::VectorXd input = inputs.at_full_budget(x);
      const double believed = gp.predict(input).mean;
      gp.add_fantasy(input);
      // The kriging believer takes the mean as the outcome, so it may become the incumbent.
      if (rule == OptimizerOptions::PendingRule::KrigingBeliever) incumbent = std::min(incumbent, believed);
    }
  };

  Model build_model(const std::vector<Eigen::VectorXd>& pending, const PartialCurves& partial) {
    GaussianProcess gp = fit_model(partial);
    const double best = incumbent(gp);
    FailurePenalty penalty = failure_penalty(gp);
    Model model{std::move(gp), best, std::move(penalty), options.pending_rule, fidelity};
    for (const Eigen::VectorXd& x : pending) model.believe(x);
    return model;
  }

  // The best-scoring candidate not yet taken, else a random untaken configuration.
  std::optional<Eigen::VectorXd> model_proposal(const Model& model, const TakenPoints& taken) {
    std::optional<PendingOutcomes> outcomes;
    if (model.rule == OptimizerOptions::PendingRule::Fantasies && model.gp.fantasies() > 0 &&
        !options.acquisition->is_linear_in_mean()) {
      outcomes.emplace(model.gp, model.incumbent, kPendingDraws, rng);
    }
    const AcquisitionLandscape landscape(model.gp, *options.acquisition, model.incumbent, model.penalty,
                                         outcomes ? &*outcomes : nullptr, model.inputs);
    for (const RankedPoint& candidate :
         rank_candidates(landscape, space, anchors(), search_options_for(model.gp.size()), rng)) {
      if (!taken.contains(candidate.point)) return candidate.point;
    }
    return random_unvisited(taken);
  }

  // For a space with no configuration left: a finished one again, the best first, never a running one
  // when avoidable (a repeat of a finished trial can still average out noise; two running copies cannot).
  Eigen::VectorXd repeat(const TakenPoints& taken) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    for (std::size_t i : order) {
      if (!taken.running.contains(observed[i])) return observed[i];
    }
    for (int i = 0; i < kRandomTries; ++i) {
      const Eigen::VectorXd point = space.encode(space.sample(rng));
      if (!taken.running.contains(point)) return point;
    }
    return space.encode(space.sample(rng));
  }
};

BayesianOptimizer::BayesianOptimizer(SearchSpace space, OptimizerOptions options)
    : state_(std::make_unique<State>(std::move(space), std::move(options))) {}
BayesianOptimizer::~BayesianOptimizer() = default;
BayesianOptimizer::BayesianOptimizer(BayesianOptimizer&&) noexcept = default;
BayesianOptimizer& BayesianOptimizer::operator=(BayesianOptimizer&&) noexcept = default;

void BayesianOptimizer::observe(const Assignment& config, double value) { observe_curve(config, {{1.0, value}}); }

void BayesianOptimizer::observe_curve(const Assignment& config, const std::vector<BudgetedValue>& curve) {
  if (curve.empty()) throw std::invalid_argument("observe_curve: the curve is empty; it needs the value the evaluation ended with");
  for (const BudgetedValue& point : curve) {
    if (!(point.budget > 0.0 && point.budget <= 1.0)) {
      throw std::invalid_argument("observe_curve: budget " + std::to_string(point.budget) +
                                  " is outside (0, 1] (a fraction of the full length; 1 = full length)");
    }
  }
  State& s = *state_;
  if (!std::isfinite(curve.back().value)) {
    observe_failure(config);
    return;
  }
  const Eigen::VectorXd x = s.space.encode(config);
  const auto first = s.fidelity.with_budget() ? curve.begin() : curve.end() - 1;
  for (auto point = first; point != curve.end(); ++point) {
    if (!std::isfinite(point->value)) continue;  // an earlier point lost; the curve's end still counts
    s.observed.push_back(x);
    s.values.push_back(s.minimised(point->value));
    s.budgets.push_back(s.fidelity.with_budget() ? point->budget : 1.0);
  }
  ++s.trials;
}

void BayesianOptimizer::observe_failure(const Assignment& config) {
  state_->failed.push_back(state_->space.encode(config));
  ++state_->trials;
}

std::vector<Assignment> BayesianOptimizer::suggest(int k, const std::vector<Assignment>& pending) {
  std::vector<PendingTrial> trials;
  trials.reserve(pending.size());
  for (const Assignment& config : pending) trials.push_back({config, {}});
  return suggest(k, trials);
}

std::vector<Assignment> BayesianOptimizer::suggest(int k, const std::vector<PendingTrial>& pending) {
  for (const PendingTrial& trial : pending) {
    for (const BudgetedValue& point : trial.curve_so_far) {
      if (!(point.budget > 0.0 && point.budget < 1.0)) {
        throw std::invalid_argument("suggest: a running evaluation's budget " + std::to_string(point.budget) +
                                    " is outside (0, 1) (it has not reached its full length yet)");
      }
    }
  }
  State& s = *state_;
  std::vector<Assignment> proposals;
  if (k <= 0) return proposals;
  if (s.space.dimensions() == 0) return std::vector<Assignment>(k, s.space.decode(Eigen::VectorXd()));
  TakenPoints taken;
  for (const auto& x : s.observed) taken.finished.add(x);
  for (const auto& x : s.failed) taken.finished.add(x);
  std::vector<Eigen::VectorXd> pending_points;
  for (const PendingTrial& p : pending) {
    pending_points.push_back(s.space.encode(p.config));
    taken.running.add(pending_points.back());
  }

  const int started = s.trials + static_cast<int>(pending.size());
  const bool model_ready = static_cast<int>(s.observed.size()) >= kMinimumForModel;
  std::optional<State::Model> model;  // built on first need: the initial design needs none
  for (int i = 0; i < k; ++i) {
    std::optional<Eigen::VectorXd> next;
    if (!model_ready || started + i < s.design.cols()) {
      next = s.space_filling(taken, started + i);
    } else {
      if (!model) model = s.build_model(pending_points, s.partial_curves(pending));
      next = s.model_proposal(*model, taken);
    }
    const Eigen::VectorXd point = next ? *next : s.repeat(taken);
    if (model) model->believe(point);
    taken.running.add(point);
    proposals.push_back(s.space.decode(point));
  }
  return proposals;
}

const SearchSpace& BayesianOptimizer::space() const { return state_->space; }

int BayesianOptimizer::observations() const { return static_cast<int>(state_->observed.size()); }

}  // namespace bayesopt
