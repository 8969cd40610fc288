#include "orchestrator/run/trial_outcome.h"

#include <algorithm>

namespace orchestrator {

using results::TrialState;

namespace {

// The best of the first `reports` values.
double best_of(const MetricHistory& history, std::size_t reports, bool maximize) {
  const auto end = history.begin() + static_cast<std::ptrdiff_t>(reports);
  return maximize ? *std::max_element(history.begin(), end) : *std::min_element(history.begin(), end);
}

LearningCurve curve_of(TrialState state, const MetricHistory& history, bool maximize, const TrialLength& length) {
  const auto reached = static_cast<std::int64_t>(history.size());
  const double full = static_cast<double>(std::max(length.full, reached));
  LearningCurve curve;
  for (const std::int64_t rung : length.rungs)
    if (rung < reached) curve.push_back({double(rung) / full, best_of(history, std::size_t(rung), maximize)});
  const double ended = state == TrialState::Finished ? 1.0 : double(reached) / full;
  curve.push_back({ended, best_of(history, history.size(), maximize)});
  return curve;
}

}  // namespace

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

std::int64_t full_length(const Config& config, const std::optional<EarlyTerminate>& early_terminate,
                         std::int64_t longest_history) {
  const auto epochs = config.find("epochs");
  if (epochs != config.end() && epochs->is_number_integer() && epochs->get<std::int64_t>() > 0)
    return epochs->get<std::int64_t>();
  if (early_terminate && early_terminate->max_iter) return *early_terminate->max_iter;
  return longest_history;
}

std::optional<Observation> observation_for(TrialState state, const MetricHistory& history, bool maximize,
                                           const TrialLength& length) {
  switch (state) {
    case TrialState::Finished:
    case TrialState::EarlyTerminated: {
      // A stopped trial's best value is still an honest measurement: a pessimistic one of its full length,
      // an exact one of the budget it reached, which the curve says.
      if (history.empty()) return Observation{true, std::nullopt, {}};
      LearningCurve curve = curve_of(state, history, maximize, length);
      const double best = curve.back().value;
      return Observation{false, best, std::move(curve)};
    }
    case TrialState::Failed:
    case TrialState::Diverged:
      return Observation{true, std::nullopt, {}};
    case TrialState::Running:
    case TrialState::Killed:
    case TrialState::Interrupted:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace orchestrator
