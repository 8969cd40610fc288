// Exports of a sweep's trials for scripts and spreadsheets: JSON (params kept as objects) and CSV
// (params flattened into `param.<name>` columns). Both carry each metric's last, min and max, and
// the sweep metric's best by the sweep's goal.
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/result_store.h"

namespace results {

nlohmann::json sweep_json(const SweepRecord& sweep);  // without the spec text
// One trial: number, attempt, state, exit code, times, host, params, metrics {name: {last, ...}}, best.
nlohmann::json trial_json(const SweepRecord& sweep, const TrialSummary& trial);
nlohmann::json trials_json(const SweepRecord& sweep, const std::vector<TrialSummary>& trials);

// {"sweep": {...}, "trials": [...]}, indented.
void write_json_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials);
// RFC 4180 CSV with a header row; one row per trial attempt.
void write_csv_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials);

// A CSV field, quoted when it holds a comma, quote, or line break (quotes doubled).
std::string csv_field(const std::string& text);

}  // namespace results
