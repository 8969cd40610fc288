// TrialOutcome: how a trial that ended is recorded: the state it gets, whether it is retried,
// and what its result teaches the proposer. Pure decisions, shared by live runs and resumes.
#pragma once

#include <optional>
#include <string>

#include "orchestrator/launch/trial_launcher.h"
#include "results/result_store.h"

namespace orchestrator {

struct TrialEnding {
  std::optional<results::TrialState> verdict;  // set when the coordinator stopped it (and why)
  bool diverged = false;                       // it reported divergence
  TrialExit exit;
  int attempt = 1;
  int retries = 0;                             // the spec's `retries`
  bool stopping = false;                       // the sweep is being interrupted
};

struct TrialOutcome {
  results::TrialState state = results::TrialState::Failed;
  bool retry = false;  // run the same configuration again as the next attempt
};

TrialOutcome decide_outcome(const TrialEnding& ending);

// The trial's code for the database: the exit code, or minus the signal that ended it.
std::optional<int> recorded_exit_code(const TrialExit& exit);

// What the proposer learns from a trial in `state` whose best metric value is `best`:
// nullopt = nothing (killed: it will run again), a failure, or a value.
struct Observation {
  bool failure = false;
  std::optional<double> value;
};
std::optional<Observation> observation_for(results::TrialState state, std::optional<double> best);

}  // namespace orchestrator
