// Finding what a query names (sweep, trial, metric) in the results database. A name that is not
// there is a NotFoundError whose message lists what is there, so the user can correct it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "results/result_store.h"

namespace orchestrator::cli {

class NotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The sweep called name, or without a name the most recently written one.
results::SweepRecord resolve_sweep(const results::ResultStore& store, const std::optional<std::string>& name);
// The latest attempt of trial `number` of the sweep.
results::TrialRecord resolve_trial(const results::ResultStore& store, const results::SweepRecord& sweep, int number);
// Throws unless some trial of the sweep recorded the metric.
void require_metric(const results::ResultStore& store, const results::SweepRecord& sweep, const std::string& metric);

// "1-4, 7, 9-10": trial numbers as ranges, for messages.
std::string describe_numbers(std::vector<int> numbers);

}  // namespace orchestrator::cli
