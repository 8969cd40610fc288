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

// What budgets are fractions of: the full length, or the history's own length when it ran longer.
std::int64_t budget_length(const MetricHistory& history, const TrialLength& length) {
  return std::max(length.full, static_cast<std::int64_t>(history.size()));
}

// The best value so far at each rung below `end` reports, at budget rung / budget_length.
LearningCurve rung_points(const MetricHistory& history, bool maximize, const TrialLength& length, std::int64_t end) {
  const auto full = static_cast<double>(budget_length(history, length));
  LearningCurve curve;
  for (const std::int64_t rung : length.rungs)
    if (rung < end) curve.push_back({double(rung) / full, best_of(history, std::size_t(rung), maximize)});
  return curve;
}

// (A rung the trial ended at is its end point, not a point of its own.)
LearningCurve curve_of(TrialState state, const MetricHistory& history, bool maximize, const TrialLength& length) {
  const auto reached = static_cast<std::int64_t>(history.size());
  LearningCurve curve = rung_points(history, maximize, length, reached);
  const double ended = state == TrialState::Finished ? 1.0 : double(reached) / double(budget_length(history, length));
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

LearningCurve curve_so_far(const MetricHistory& history, bool maximize, const TrialLength& length) {
  const auto reached = static_cast<std::int64_t>(history.size());
  // A rung at the full length would be budget 1, a result the trial has not ended with yet.
  return rung_points(history, maximize, length, std::min(reached + 1, budget_length(history, length)));
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
