#include "orchestrator/run/trial_outcome.h"

namespace orchestrator {

using results::TrialState;

TrialOutcome decide_outcome(const TrialEnding& ending) {
  if (ending.verdict) return {*ending.verdict, false};
  if (ending.diverged) return {TrialState::Diverged, false};
  if (ending.exit.succeeded()) return {TrialState::Finished, false};
  // A crash may be bad luck (a node, an OOM); a program that cannot even start will not improve.
  const bool crashed = ending.exit.launch_error.empty();
  return {TrialState::Failed, crashed && !ending.stopping && ending.attempt <= ending.retries};
}

std::optional<int> recorded_exit_code(const TrialExit& exit) {
  if (exit.exit_code) return exit.exit_code;
  if (exit.signal) return -*exit.signal;
  return std::nullopt;
}

std::optional<Observation> observation_for(TrialState state, std::optional<double> best) {
  switch (state) {
    case TrialState::Finished:
    case TrialState::EarlyTerminated:
      // A stopped trial's best value is still an honest (if pessimistic) measurement.
      if (best) return Observation{false, best};
      return Observation{true, std::nullopt};
    case TrialState::Failed:
    case TrialState::Diverged:
      return Observation{true, std::nullopt};
    case TrialState::Running:
    case TrialState::Killed:
    case TrialState::Interrupted:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace orchestrator
