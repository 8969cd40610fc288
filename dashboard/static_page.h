// The static `sweep report` file as the dashboard's own page: index.html with its style and script
// inlined and the sweep's model embedded as JSON, so the file draws the same interactive charts offline
// (it just does not poll). One page, one code path, for both.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace dashboard {

// model: report::report_model_json(...); fallback: the static report's SVG sections
// (report::render_html_sections), shown instead by readers that run no script, such as mail clients.
// The page refuses every fetch (CSP) and holds nothing external.
std::string render_static_page(const nlohmann::json& model, const std::string& fallback);

}  // namespace dashboard
