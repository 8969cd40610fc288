// Exports of a sweep's trials for scripts and spreadsheets: JSON (params kept as objects) and CSV
// (params flattened into `param.<name>` columns). Both carry each metric's last, min and max, the
// sweep metric's best by the sweep's goal, and the trial's summary (e.g. its test metrics).
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/result_store.h"

namespace results {

// A trial's summary as ResultStore::summary returns it (key -> JSON text, by key).
using SummaryValues = std::vector<std::pair<std::string, std::string>>;
// The summaries of some trials, by trial id; a trial without one is absent.
using SummariesByTrial = std::map<std::int64_t, SummaryValues>;

// Reads the summary of each trial (with ResultStore::summary).
SummariesByTrial read_summaries(const ResultStore& store, const std::vector<TrialSummary>& trials);
// The summary as one JSON object, its values parsed ({"test_acc": 0.89, "test_confusion": [[...]]}).
nlohmann::json summary_json(const SummaryValues& summary);

nlohmann::json sweep_json(const SweepRecord& sweep);  // without the spec text
// One trial: number, attempt, state, exit code, times, host, params, metrics {name: {last, ...}}, best,
// and summary {key: value}.
nlohmann::json trial_json(const SweepRecord& sweep, const TrialSummary& trial, const SummaryValues& summary = {});
nlohmann::json trials_json(const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                           const SummariesByTrial& summaries = {});

// {"sweep": {...}, "trials": [...]}, indented.
void write_json_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                       const SummariesByTrial& summaries = {});
// RFC 4180 CSV with a header row; one row per trial attempt. The last column, `summary`, holds the
// trial's summary as JSON text (empty when it has none).
void write_csv_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                      const SummariesByTrial& summaries = {});

// A CSV field, quoted when it holds a comma, quote, or line break (quotes doubled).
std::string csv_field(const std::string& text);

}  // namespace results
