// Suggestion timing: wall time of one suggest() after many observations of Hartmann-6, cold (a fresh
// optimizer's first, with a full hyperparameter fit) and warm (in a running loop), alone or beside
// pending evaluations.
#pragma once

namespace bench {

struct SuggestionTimes {
  double cold_ms;    // first suggestion of a fresh optimizer (full hyperparameter fit, no warm start)
  double median_ms;  // in a running loop: one more observation, then suggest (warm-started fit)
  double max_ms;
};

// About `observations` random observations of Hartmann-6 (6-D), then suggest(1) beside `pending`
// running evaluations.
SuggestionTimes suggestion_times(int observations, int pending);

}  // namespace bench
