// The report's model as JSON: what the dashboard page draws, served live by `sweep dashboard` and
// embedded in the static page, so both show one model through one code path.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/report_model.h"

namespace report {

// The whole model. Curves are {trial, points: [step, value, step, value, ...]}; trials carry their id
// and activity time, which the live updates' cursor refers to.
nlohmann::json report_model_json(const ReportModel& model, const std::string& generated_at);
// One trials-table row with its place on the parallel-coordinate axes, as report_model_json writes it:
// params is an object {column: text} (absent parameters left out), axes one value per axis.
nlohmann::json trial_row_json(const TrialRow& row, const std::vector<std::string>& param_columns,
                              const std::vector<std::optional<double>>& axis_values);
// JSON text safe inside an HTML <script> element: "</" and "<!--" cannot end or confuse it.
std::string script_safe_json(const nlohmann::json& value);

}  // namespace report
