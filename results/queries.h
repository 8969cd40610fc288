// The read-side questions every reader asks (the CLI printers, `sweep report`, the retrain): finding
// what a query names (sweep, trial, metric) and ranking trials by a metric. A name that is not there is
// a NotFoundError whose message lists what is there, so the user can correct it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/result_store.h"

namespace results {

class NotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The sweep called name, or without a name the most recently written one; "interrupted" if no
// coordinator holds it while it is stored as running (results/interrupted.h).
SweepRecord resolve_sweep(const ResultStore& store, const std::optional<std::string>& name);
// The latest attempt of trial `number` of the sweep (interrupted if the sweep is and it was running).
TrialRecord resolve_trial(const ResultStore& store, const SweepRecord& sweep, int number);
// Throws unless some trial of the sweep recorded the metric.
void require_metric(const ResultStore& store, const SweepRecord& sweep, const std::string& metric);

// Which trials rank best by a metric.
struct RankingQuery {
  std::string metric;
  std::optional<std::string> goal;  // maximize | minimize; default: the sweep's goal for its metric, else maximize
  int top = 1;
};
// The goal a query ranks by (see RankingQuery::goal).
bool ranks_by_maximum(const SweepRecord& sweep, const RankingQuery& query);
// The query's top trials, best first (each at its best point); throws NotFoundError if the metric was
// never recorded or has no value.
std::vector<RankedTrial> rank_trials(const ResultStore& store, const SweepRecord& sweep, const RankingQuery& query);

// "1-4, 7, 9-10": trial numbers as ranges, for messages.
std::string describe_numbers(std::vector<int> numbers);

}  // namespace results
