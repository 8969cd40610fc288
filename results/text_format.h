// Text forms of the values the CLI and exports print: metric values, durations, UTC times.
// One place, so a table, a CSV file and a JSON document show the same number the same way.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace results {

// Six significant digits for people ("0.88123", "1.5e-05"); "nan" for NaN.
std::string format_number(double value);
// Shortest text that reads back as the same double, for files that scripts parse ("" for NaN).
std::string format_exact(double value);
// "850ms", "12.3s", "4m05s", "2h03m".
std::string format_duration(double seconds);
// ISO 8601 in UTC to the second: "2026-11-25T17:16:25Z".
std::string format_utc(double unix_seconds);
// JSON text for every document the CLI and exports print (indent < 0: one line). It never throws on
// what a trainer wrote: a string's invalid UTF-8 bytes become U+FFFD, as in results/utf8.h.
std::string json_text(const nlohmann::json& value, int indent = -1);

}  // namespace results
