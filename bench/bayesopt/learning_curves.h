// Multi-fidelity study: sweeps of a synthetic learning-curve family with a known optimum, run as `sweep
// run` runs them (asynchronous workers, the orchestrator's own Hyperband and trial outcomes), and the
// simple regret of the best full-length trial against the epochs spent.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bench {

// How a sweep treats its trials: (a) hyperband stops them, stopped ones told to a single-fidelity GP as if
// full-length (today's default); (b) hyperband with the multi-fidelity GP (bayes.fidelity: multi);
// (c) plain bayes, every trial run in full.
enum class FidelityPolicy { HyperbandSingle, HyperbandMulti, NoStopping };
inline constexpr FidelityPolicy kFidelityPolicies[] = {FidelityPolicy::HyperbandSingle, FidelityPolicy::HyperbandMulti,
                                                       FidelityPolicy::NoStopping};

struct FidelityStudyOptions {
  int seeds = 10;
  int workers = 2;
  int full_epochs = 27;      // a trial's full length
  int epoch_budget = 1080;   // epochs every sweep may spend (40 full-length trials)
  // (b) hears the rungs running trials passed at each proposal, as the scheduler tells them; false: only
  // when a trial ends (before issue 14's second part), to measure against.
  bool running_rungs = true;
};

// Checkpoints (epochs spent) the regret is reported at.
std::vector<int> fidelity_checkpoints(const FidelityStudyOptions& options);

struct FidelityRun {
  std::vector<double> regret;  // at each checkpoint: the best finished trial's full-length loss above the optimum
  int trials = 0;              // started
  int stopped = 0;             // by hyperband
};

FidelityRun run_fidelity_sweep(FidelityPolicy policy, const FidelityStudyOptions& options, std::uint64_t seed);

std::string policy_label(FidelityPolicy policy);
std::string policy_key(FidelityPolicy policy);

// Every policy over the seeds: {"checkpoints", "policies": {key: {"<epochs>": quartiles, "trials", "stopped"}}}.
nlohmann::json fidelity_study(const FidelityStudyOptions& options);

}  // namespace bench
