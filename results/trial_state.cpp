#include <array>
#include <utility>

#include "results/result_store.h"

namespace results {

namespace {

// The spelling stored in trials.state; the schema's CHECK constraint lists the same words (but the
// read-side "interrupted").
constexpr std::array<std::pair<TrialState, const char*>, 7> kStateNames = {{
    {TrialState::Running, "running"},
    {TrialState::Finished, "finished"},
    {TrialState::Failed, "failed"},
    {TrialState::Diverged, "diverged"},
    {TrialState::EarlyTerminated, "early_terminated"},
    {TrialState::Killed, "killed"},
    {TrialState::Interrupted, "interrupted"},  // read-side only; the CHECK constraint refuses it
}};

}  // namespace

std::string to_string(TrialState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return name;
  }
  return "unknown";
}

std::optional<TrialState> parse_trial_state(const std::string& text) {
  for (const auto& [value, name] : kStateNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace results
