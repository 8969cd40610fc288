// report/: a sweep's self-contained HTML report, read from results.db (report_model.h gathers,
// html_report.h renders). This file writes one: the step `sweep report` (orchestrator/app) runs.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "report/report_model.h"
#include "results/result_store.h"

namespace report {

struct ReportRequest {
  std::optional<std::string> sweep;   // default: the most recently written sweep
  std::optional<std::string> metric;  // default: the sweep's metric
  std::optional<std::string> goal;    // maximize | minimize
  std::string output = "report.html";
};

struct WrittenReport {
  std::string sweep;
  std::size_t bytes = 0;
  int trials = 0;
};

// The file could not be written (the earlier report at that path, if any, is left as it was).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Renders the report and writes it atomically to request.output. Throws results::NotFoundError for a
// sweep or metric that is not there, OutputError when the file cannot be written.
WrittenReport write_report(const results::ResultStore& store, const ReportRequest& request);
// The same, with the page rendered by `render` (the model, the generation time) instead of
// render_html_report: `sweep report` renders the dashboard's page (dashboard/static_page.h).
using PageRenderer = std::function<std::string(const ReportModel& model, const std::string& generated_at)>;
WrittenReport write_report(const results::ResultStore& store, const ReportRequest& request, const PageRenderer& render);

// "12.3 KiB": a size for people.
std::string size_text(std::size_t bytes);

}  // namespace report
