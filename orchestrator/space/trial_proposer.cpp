#include "orchestrator/space/trial_proposer.h"

#include <random>
#include <stdexcept>

namespace orchestrator {

namespace {

class GridProposer : public TrialProposer {
 public:
  explicit GridProposer(ParameterSpace space) : space_(std::move(space)), size_(space_.grid_size()) {
    if (!size_) throw SpecError("method: grid needs every parameter to have a finite list of values");
  }
  // Trial n is grid point n-1, so a resumed grid continues where it stopped.
  std::optional<Config> propose(int number, const std::vector<PendingTrial>&) override {
    const auto index = static_cast<std::uint64_t>(number - 1);
    if (index >= *size_) return std::nullopt;
    return space_.grid_point(index);
  }
  void observe(const Config&, const std::optional<LearningCurve>&) override {}
  std::optional<std::uint64_t> limit() const override { return size_; }

 private:
  ParameterSpace space_;
  std::optional<std::uint64_t> size_;
};

class RandomProposer : public TrialProposer {
 public:
  RandomProposer(ParameterSpace space, std::uint64_t seed) : space_(std::move(space)), seed_(seed) {}
  // Each trial number has its own random stream, so a resumed sweep draws what a fresh one would.
  std::optional<Config> propose(int number, const std::vector<PendingTrial>&) override {
    std::seed_seq sequence{static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32),
                           static_cast<std::uint32_t>(number)};
    std::mt19937_64 rng(sequence);
    return space_.sample(rng);
  }
  void observe(const Config&, const std::optional<LearningCurve>&) override {}
  std::optional<std::uint64_t> limit() const override { return std::nullopt; }

 private:
  ParameterSpace space_;
  std::uint64_t seed_;
};

class BayesProposer : public TrialProposer {
 public:
  BayesProposer(ParameterSpace space, const SweepSpec& spec)
      : space_(std::move(space)), optimizer_(space_.search_space(), bayes_optimizer_options(spec)) {}

  // The optimizer's fidelity decides whether the running trials' curves so far matter (multi only).
  std::optional<Config> propose(int, const std::vector<PendingTrial>& pending) override {
    std::vector<bayesopt::PendingTrial> running;
    running.reserve(pending.size());
    for (const PendingTrial& trial : pending) running.push_back({space_.to_assignment(trial.config), trial.curve_so_far});
    const auto suggestions = optimizer_.suggest(1, running);
    if (suggestions.empty()) return std::nullopt;
    return space_.to_config(suggestions.front());
  }
  // The optimizer's fidelity decides what of the curve it uses (single: the last value alone).
  void observe(const Config& config, const std::optional<LearningCurve>& curve) override {
    const bayesopt::Assignment assignment = space_.to_assignment(config);
    if (curve) optimizer_.observe_curve(assignment, *curve);
    else optimizer_.observe_failure(assignment);
  }
  std::optional<std::uint64_t> limit() const override { return std::nullopt; }

 private:
  ParameterSpace space_;
  bayesopt::BayesianOptimizer optimizer_;
};

}  // namespace

bayesopt::OptimizerOptions bayes_optimizer_options(const SweepSpec& spec) {
  bayesopt::OptimizerOptions options;
  const bool maximize = spec.metric && spec.metric->maximize;
  options.goal = maximize ? bayesopt::OptimizerOptions::Goal::Maximize : bayesopt::OptimizerOptions::Goal::Minimize;
  options.seed = spec.seed;
  options.fidelity = spec.bayes.fidelity == "multi" ? bayesopt::OptimizerOptions::Fidelity::Multi
                                                    : bayesopt::OptimizerOptions::Fidelity::Single;
  try {
    options.acquisition = bayesopt::make_acquisition(spec.bayes.acquisition, spec.bayes.ucb_beta);
  } catch (const std::invalid_argument& error) {
    throw SpecError(spec.source + ": bayes: " + error.what());
  }
  return options;
}

std::unique_ptr<TrialProposer> make_trial_proposer(const SweepSpec& spec) {
  ParameterSpace space(spec);
  if (spec.method == "grid") return std::make_unique<GridProposer>(std::move(space));
  if (spec.method == "random") return std::make_unique<RandomProposer>(std::move(space), spec.seed);
  if (spec.method == "bayes") {
    try {
      return std::make_unique<BayesProposer>(std::move(space), spec);
    } catch (const std::invalid_argument& error) {
      throw SpecError(spec.source + ": parameters: the Bayesian optimiser refuses this space: " + error.what());
    }
  }
  throw SpecError(spec.source + ": method: '" + spec.method + "' is not one of grid, random, bayes");
}

}  // namespace orchestrator
