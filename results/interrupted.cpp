#include "results/interrupted.h"

namespace results {

bool is_interrupted(const std::string& db_path, const SweepRecord& sweep, const CoordinatorPresence& presence) {
  return sweep.state == "running" && !presence.holds(db_path, sweep.name);
}

void show_interruption(const std::string& db_path, SweepRecord& sweep, const CoordinatorPresence& presence) {
  if (is_interrupted(db_path, sweep, presence)) sweep.state = kInterruptedState;
}

void show_interruption(const SweepRecord& sweep, TrialRecord& trial) {
  if (sweep.state != kInterruptedState || trial.state != TrialState::Running) return;
  trial.state = TrialState::Interrupted;
  trial.ended_at = trial.heard_at.value_or(trial.started_at);
}

}  // namespace results
