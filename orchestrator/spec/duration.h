// Duration: reads a spec's time span ("90s", "10m", "1h30m", or a number of seconds).
#pragma once

#include <optional>
#include <string_view>

namespace orchestrator::spec {

// Seconds in `text`: a number of seconds, or numbers each followed by s, m or h ("1h30m").
// nullopt if the text is not such a duration.
std::optional<double> parse_duration_seconds(std::string_view text);

}  // namespace orchestrator::spec
