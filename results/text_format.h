// Text forms of the values the CLI and exports print: metric values, durations, UTC times.
// One place, so a table, a CSV file and a JSON document show the same number the same way.
#pragma once

#include <optional>
#include <string>

namespace results {

// Six significant digits for people ("0.88123", "1.5e-05"); "nan" for NaN.
std::string format_number(double value);
// Shortest text that reads back as the same double, for files that scripts parse ("" for NaN).
std::string format_exact(double value);
// "850ms", "12.3s", "4m05s", "2h03m".
std::string format_duration(double seconds);
// ISO 8601 in UTC to the second: "2026-11-25T17:16:25Z".
std::string format_utc(double unix_seconds);

}  // namespace results
