// MetricLine: reads one line of a trial's stdout as a metrics record. A line that is a JSON object
// is a record ({"epoch":3,"val_acc":0.88}); any other line belongs to the trial's log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "results/result_store.h"

namespace orchestrator {

struct MetricRecord {
  std::int64_t step = 0;                     // `_step` (W&B's), else `epoch`, else `step`, else the ordinal
  // Numeric fields (nested objects as "a.b"); a NaN or infinite one is a NaN point, stored as NULL.
  std::vector<results::MetricPoint> points;
  // Summary values (key -> JSON text), in line order: the keys of a `_summary` object, and the fields
  // that are not numbers: strings, booleans, arrays, objects with no number in them, and media
  // descriptions (objects with a "_type").
  std::vector<std::pair<std::string, std::string>> summary;
  bool diverged = false;                     // "diverged": true, or a NaN/infinite value
  // Fields left out because a string in them (or their name) is not valid UTF-8; the other fields
  // of the line, its numbers among them, are kept. Names as printable text, for the trial's log.
  std::vector<std::string> skipped;
};

// Parses `line`; nullopt if it is not a JSON object. `ordinal` (1-based count of records so far,
// this one included) is the step when the record names none. Python's NaN/Infinity/-Infinity and
// C's nan/inf tokens are accepted, become NaN points and mark the record diverged. `_runtime` and `_timestamp` (W&B's
// bookkeeping) are dropped; nulls are neither points nor summary values.
std::optional<MetricRecord> parse_metric_line(std::string_view line, std::int64_t ordinal);

}  // namespace orchestrator
