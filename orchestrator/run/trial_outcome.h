// TrialOutcome: how a trial that ended is recorded: the state it gets, whether it is retried,
// and what its result teaches the proposer. Pure decisions, shared by live runs and resumes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orchestrator/launch/trial_launcher.h"
#include "orchestrator/run/hyperband.h"
#include "orchestrator/space/trial_proposer.h"
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

// How long a trial would have run had nothing stopped it, in metric reports (hyperband's unit), and where
// hyperband's rungs are on that length.
struct TrialLength {
  std::int64_t full = 0;             // 0, or below what the trial reported: its own history's length
  std::vector<std::int64_t> rungs;   // hyperband's bands, ascending; none without early termination
};

// A trial's full length: its `epochs` parameter when its configuration has a positive integer one (the
// trainer's flag, and most W&B scripts' name for it), else early_terminate.max_iter, else the longest
// metric history of the sweep so far (a trial stopped before any ran longer then counts as full length).
std::int64_t full_length(const Config& config, const std::optional<EarlyTerminate>& early_terminate,
                         std::int64_t longest_history);

// What the proposer learns from a trial in `state` with this metric history (finite values, in order):
// nullopt = nothing (killed: it will run again), a failure, or a value with its learning curve.
struct Observation {
  bool failure = false;
  std::optional<double> value;  // the history's best (as `sweep best` ranks trials)
  // The best value so far at each rung the trial ran past, then `value` where it ended: at the full budget
  // for a finished trial (whatever its length: a trainer may stop itself), at reported / full length for a
  // stopped one. A single-fidelity optimizer uses the last point alone, as before curves existed.
  LearningCurve curve;
};
std::optional<Observation> observation_for(results::TrialState state, const MetricHistory& history, bool maximize,
                                           const TrialLength& length);

// What a running trial has shown so far, for a multi-fidelity optimizer's proposals beside it: its best
// value so far at each rung it has reached (the rung's value is known as soon as it reports it), at
// budget rung / full length, all below 1; empty before the first rung. When it ends, observation_for's
// curve replaces it.
LearningCurve curve_so_far(const MetricHistory& history, bool maximize, const TrialLength& length);

}  // namespace orchestrator
