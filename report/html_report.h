// HtmlReport: the report page of one sweep as a single self-contained HTML document: inline CSS, a
// small inline script (sortable table), inline SVG charts and data: images, and a CSP that forbids the rest.
#pragma once

#include <string>

#include "report/report_model.h"

namespace report {

// `generated_at` is the text the footer shows (e.g. "2026-11-25T17:16:25Z").
std::string render_html_report(const ReportModel& model, const std::string& generated_at);
// Only its sections (overview to trials), without page, style or script: the static dashboard page's
// fallback for readers that run no script (mail clients, previewers).
std::string render_html_sections(const ReportModel& model);

}  // namespace report
