// Interrupted sweeps: a sweep stored as `running` that no live coordinator holds was stopped without a
// word (kill -9, a crash, a reboot). Readers show it, and its trials left running, as interrupted (the
// trials ended when last heard from); the next `sweep run` of it records them as killed and runs them again.
#pragma once

#include <string>

#include "results/coordinator_presence.h"
#include "results/result_store.h"

namespace results {

inline constexpr const char* kInterruptedState = "interrupted";

// Whether the sweep, read from the database at db_path, is stored as running with no coordinator.
bool is_interrupted(const std::string& db_path, const SweepRecord& sweep, const CoordinatorPresence& presence);
// The sweep as readers see it: its state becomes "interrupted" when is_interrupted.
void show_interruption(const std::string& db_path, SweepRecord& sweep, const CoordinatorPresence& presence);
// A trial of a sweep shown as interrupted: if it was left running, it reads as interrupted, ended when
// last heard from.
void show_interruption(const SweepRecord& sweep, TrialRecord& trial);

}  // namespace results
