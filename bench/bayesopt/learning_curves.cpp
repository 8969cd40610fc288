#include "learning_curves.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <map>

#include "bayesopt/bayesian_optimizer.h"
#include "orchestrator/run/hyperband.h"
#include "orchestrator/run/trial_outcome.h"
#include "regret_study.h"

namespace bench {
namespace {

using bayesopt::Assignment;

constexpr double kHartmann3Minimum = -3.86278214782076;

double hartmann3(const std::array<double, 3>& x) {
  static constexpr double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  static constexpr double a[4][3] = {{3.0, 10, 30}, {0.1, 10, 35}, {3.0, 10, 30}, {0.1, 10, 35}};
  static constexpr double p[4][3] = {{0.3689, 0.1170, 0.2673}, {0.4699, 0.4387, 0.7470},
                                     {0.1091, 0.8732, 0.5547}, {0.0381, 0.5743, 0.8828}};
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) {
    double inner = 0.0;
    for (int j = 0; j < 3; ++j) inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
    sum -= alpha[i] * std::exp(-inner);
  }
  return sum;
}

std::array<double, 3> coordinates(const Assignment& config) {
  return {std::get<double>(config.at("x0")), std::get<double>(config.at("x1")), std::get<double>(config.at("x2"))};
}

// The family: a trial's loss after epoch t of T is its full-length loss (Hartmann-3 scaled to [0, 1], 0 at
// the optimum (0.115, 0.556, 0.853)) plus a gap that shrinks like 1/sqrt(t) to 0 at T. The gap's size grows
// with x2, so the best settings learn slowly: early epochs rank them below faster, worse ones (as small
// learning rates do), which is what a model of full-length results alone is misled by.
double final_loss(const Assignment& config) { return (hartmann3(coordinates(config)) - kHartmann3Minimum) / -kHartmann3Minimum; }

double loss_at(const Assignment& config, int epoch, int full_epochs) {
  const double gap = 0.2 + 0.8 * coordinates(config)[2];
  const double tail = 1.0 / std::sqrt(double(full_epochs));
  return final_loss(config) + gap * (1.0 / std::sqrt(double(epoch)) - tail) / (1.0 - tail);
}

bayesopt::SearchSpace family_space() {
  return bayesopt::SearchSpace({bayesopt::Parameter::continuous("x0", 0.0, 1.0), bayesopt::Parameter::continuous("x1", 0.0, 1.0),
                                bayesopt::Parameter::continuous("x2", 0.0, 1.0)});
}

// hyperband as sweeps/adam.yaml sets it: brackets at 3 and 9 epochs, the top third passing.
orchestrator::EarlyTerminate hyperband_settings() {
  orchestrator::EarlyTerminate settings;
  settings.min_iter = 3;
  settings.eta = 3;
  return settings;
}

struct Running {
  std::int64_t id;
  Assignment config;
};

}  // namespace

std::vector<int> fidelity_checkpoints(const FidelityStudyOptions& options) {
  return {options.epoch_budget / 4, options.epoch_budget / 2, options.epoch_budget};
}

std::string policy_label(FidelityPolicy policy) {
  switch (policy) {
    case FidelityPolicy::HyperbandSingle: return "(a) hyperband, stopped told as full";
    case FidelityPolicy::HyperbandMulti: return "(b) hyperband + multi-fidelity";
    case FidelityPolicy::NoStopping: return "(c) no early stopping";
  }
  return "";
}

std::string policy_key(FidelityPolicy policy) {
  switch (policy) {
    case FidelityPolicy::HyperbandSingle: return "hyperband_single";
    case FidelityPolicy::HyperbandMulti: return "hyperband_multi";
    case FidelityPolicy::NoStopping: return "no_stopping";
  }
  return "";
}

// Workers advance one epoch each per round; after a round, finished trials and the ones hyperband stops
// are told to the optimizer exactly as the scheduler tells them (observation_for), and free workers ask
// for new configurations beside the running ones, with the multi-fidelity optimizer hearing the rungs
// those passed as the scheduler's do (curve_so_far). The sweep ends when the epoch budget is spent.
FidelityRun run_fidelity_sweep(FidelityPolicy policy, const FidelityStudyOptions& options, std::uint64_t seed) {
  using Fidelity = bayesopt::OptimizerOptions::Fidelity;
  bayesopt::BayesianOptimizer optimizer(
      family_space(), {.seed = seed, .fidelity = policy == FidelityPolicy::HyperbandMulti ? Fidelity::Multi : Fidelity::Single});
  std::optional<orchestrator::Hyperband> hyperband;
  if (policy != FidelityPolicy::NoStopping) hyperband.emplace(hyperband_settings(), false);
  const orchestrator::TrialLength length{options.full_epochs, hyperband ? hyperband->bands() : std::vector<std::int64_t>{}};

  std::map<std::int64_t, orchestrator::MetricHistory> histories;  // every trial's, as hyperband compares them
  std::vector<Running> running;
  std::vector<std::pair<int, double>> finishes;  // epochs spent when a trial finished, its regret
  FidelityRun run;
  int spent = 0;
  auto tell = [&](const Running& trial, results::TrialState state) {
    const auto observation = orchestrator::observation_for(state, histories[trial.id], false, length);
    optimizer.observe_curve(trial.config, observation->curve);
  };
  while (spent < options.epoch_budget) {
    while (static_cast<int>(running.size()) < options.workers) {
      std::vector<bayesopt::PendingTrial> pending;
      for (const Running& r : running) {
        bayesopt::PendingTrial& p = pending.emplace_back(bayesopt::PendingTrial{r.config, {}});
        if (policy == FidelityPolicy::HyperbandMulti && options.running_rungs)
          p.curve_so_far = orchestrator::curve_so_far(histories[r.id], false, length);
      }
      running.push_back({run.trials++, optimizer.suggest(1, pending).front()});
    }
    for (const Running& r : running) {
      if (spent == options.epoch_budget) break;
      orchestrator::MetricHistory& history = histories[r.id];
      history.push_back(loss_at(r.config, static_cast<int>(history.size()) + 1, options.full_epochs));
      ++spent;
    }
    std::vector<Running> still;
    for (const Running& r : running) {
      if (static_cast<int>(histories[r.id].size()) < options.full_epochs) {
        still.push_back(r);
        continue;
      }
      tell(r, results::TrialState::Finished);
      finishes.emplace_back(spent, final_loss(r.config));
    }
    running = std::move(still);
    if (hyperband) {
      std::vector<std::int64_t> ids;
      for (const Running& r : running) ids.push_back(r.id);
      const std::vector<std::int64_t> stop = hyperband->trials_to_stop(histories, ids);
      std::erase_if(running, [&](const Running& r) {
        if (std::find(stop.begin(), stop.end(), r.id) == stop.end()) return false;
        tell(r, results::TrialState::EarlyTerminated);
        ++run.stopped;
        return true;
      });
    }
  }
  for (int checkpoint : fidelity_checkpoints(options)) {
    double best = 1.0;  // no full-length trial yet: the family's worst (a setting where Hartmann-3 is 0)
    for (const auto& [at, regret] : finishes)
      if (at <= checkpoint) best = std::min(best, regret);
    run.regret.push_back(best);
  }
  return run;
}

nlohmann::json fidelity_study(const FidelityStudyOptions& options) {
  const std::vector<int> checkpoints = fidelity_checkpoints(options);
  nlohmann::json out{{"full_epochs", options.full_epochs}, {"epoch_budget", options.epoch_budget},
                     {"workers", options.workers}, {"seeds", options.seeds}, {"checkpoints", checkpoints},
                     {"running_rungs", options.running_rungs}};
  for (FidelityPolicy policy : kFidelityPolicies) {
    std::vector<std::vector<double>> at(checkpoints.size());
    std::vector<double> trials;
    std::vector<double> stopped;
    for (int seed = 0; seed < options.seeds; ++seed) {
      std::cerr << "\rlearning curves, " << policy_label(policy) << ": seed " << seed + 1 << "/" << options.seeds << "   " << std::flush;
      const FidelityRun run = run_fidelity_sweep(policy, options, static_cast<std::uint64_t>(seed));
      for (std::size_t c = 0; c < checkpoints.size(); ++c) at[c].push_back(run.regret[c]);
      trials.push_back(run.trials);
      stopped.push_back(run.stopped);
    }
    nlohmann::json summary{{"label", policy_label(policy)}, {"trials", quartiles(trials).median},
                           {"stopped", quartiles(stopped).median}};
    for (std::size_t c = 0; c < checkpoints.size(); ++c) {
      const Quartiles q = quartiles(at[c]);
      summary[std::to_string(checkpoints[c])] = {{"q1", q.q1}, {"median", q.median}, {"q3", q.q3}};
    }
    out["policies"][policy_key(policy)] = summary;
  }
  std::cerr << "\n";
  return out;
}

}  // namespace bench
