#include "orchestrator/run/metric_line.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "results/utf8.h"

namespace orchestrator {

namespace {

constexpr int kMaxNesting = 8;  // deeper objects are not metrics anyone plots

// What strict JSON cannot say is rewritten before parsing into strings that carry a NUL character,
// which a trainer's own strings practically never hold: a bare NaN/Infinity becomes kNonFinite, and an
// invalid UTF-8 byte inside a string becomes a NUL, so that string is known to be damaged.
constexpr std::string_view kNonFinite{"\0non-finite", 11};
constexpr std::string_view kNonFiniteJson = "\"\\u0000non-finite\"";
constexpr std::string_view kInvalidByteJson = "\\u0000";

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

// The length of a non-finite literal (NaN, -Infinity, inf, ...) starting at `at`, or 0.
std::size_t non_finite_literal_at(std::string_view text, std::size_t at) {
  static constexpr std::array<std::string_view, 6> kLiterals = {"-infinity", "infinity", "-nan", "nan", "-inf", "inf"};
  for (std::string_view literal : kLiterals) {
    if (text.size() - at < literal.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < literal.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(text[at + i])) == literal[i];
    const std::size_t end = at + literal.size();
    if (same && (end == text.size() || !is_identifier_char(text[end]))) return literal.size();
  }
  return 0;
}

// The line as strict JSON: Python's json.dumps and printf write NaN and Infinity bare, and a trainer
// may print a string that is not UTF-8; both are marked (see kNonFinite) rather than fail the parse.
std::string strict_json_text(std::string_view line, bool& had_non_finite) {
  std::string text;
  text.reserve(line.size() + 16);
  bool in_string = false;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\' && i + 1 < line.size()) {
        text += line.substr(i, 2);
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      const std::size_t length = static_cast<unsigned char>(c) < 0x80 ? 1 : results::utf8_sequence_length(line, i);
      if (length == 0) {
        text += kInvalidByteJson;
        ++i;
      } else {
        text += line.substr(i, length);
        i += length;
      }
      continue;
    }
    if (c == '"') in_string = true;
    const bool token_start = i == 0 || !is_identifier_char(line[i - 1]);
    const std::size_t literal = token_start ? non_finite_literal_at(line, i) : 0;
    if (literal > 0) {
      text += kNonFiniteJson;
      had_non_finite = true;
      i += literal;
    } else {
      text += c;
      ++i;
    }
  }
  return text;
}

bool is_non_finite(const nlohmann::json& value) {
  return value.is_string() && value.get_ref<const std::string&>() == kNonFinite;
}

bool is_damaged(std::string_view text) { return text.find('\0') != std::string_view::npos; }

// A name for the log: the damaged bytes shown as U+FFFD.
std::string shown_name(std::string name) {
  std::replace(name.begin(), name.end(), '\0', '\xff');
  return results::repair_utf8(name);
}

// Turns the non-finite marks inside a summary value back into null (as JSON writes NaN); true if a
// string or key in it is damaged.
bool scrub_summary_value(nlohmann::json& value) {
  if (is_non_finite(value)) {
    value = nullptr;
    return false;
  }
  if (value.is_string()) return is_damaged(value.get_ref<const std::string&>());
  bool damaged = false;
  if (value.is_object()) {
    for (auto item : value.items()) damaged = scrub_summary_value(item.value()) || is_damaged(item.key()) || damaged;
  } else if (value.is_array()) {
    for (nlohmann::json& element : value) damaged = scrub_summary_value(element) || damaged;
  }
  return damaged;
}

bool holds_a_number(const nlohmann::json& value) {
  if (value.is_number() || is_non_finite(value)) return true;
  if (!value.is_object()) return false;
  return std::any_of(value.begin(), value.end(), [](const nlohmann::json& item) { return holds_a_number(item); });
}

// A media description ({"_type":"table",...}) is one summary value, whatever numbers it holds.
bool is_media_description(const nlohmann::json& value) { return value.is_object() && value.contains("_type"); }

void add_summary_value(const std::string& name, nlohmann::json value, MetricRecord& record) {
  if (scrub_summary_value(value)) record.skipped.push_back(shown_name(name));
  else record.summary.emplace_back(name, value.dump());
}

void add_point(const std::string& name, double value, MetricRecord& record) {
  // A NaN or infinite value is kept as a NaN point (NULL in the database): the step happened.
  if (!std::isfinite(value)) {
    record.diverged = true;
    value = std::numeric_limits<double>::quiet_NaN();
  }
  record.points.push_back({record.step, name, value});
}

void collect_fields(const nlohmann::json& object, const std::string& prefix, int depth, MetricRecord& record) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (is_damaged(key)) {
      record.skipped.push_back(shown_name(name));
    } else if (is_non_finite(value)) {
      add_point(name, std::numeric_limits<double>::quiet_NaN(), record);
    } else if (value.is_number()) {
      add_point(name, value.get<double>(), record);
    } else if (value.is_object() && !is_media_description(value) && holds_a_number(value)) {
      if (depth < kMaxNesting) collect_fields(value, name, depth + 1, record);
    } else if (!value.is_null()) {
      add_summary_value(name, value, record);
    }
  }
}

std::optional<std::int64_t> step_field(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  const double value = found->get<double>();
  if (!std::isfinite(value) || std::abs(value) > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(value));
}

}  // namespace

std::optional<MetricRecord> parse_metric_line(std::string_view line, std::int64_t ordinal) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos || line[first] != '{') return std::nullopt;
  bool had_non_finite = false;
  const std::string text = strict_json_text(line.substr(first), had_non_finite);
  const nlohmann::json object = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return std::nullopt;

  MetricRecord record;
  record.diverged = had_non_finite;
  const char* step_key = nullptr;
  std::optional<std::int64_t> step;
  for (const char* key : {"_step", "epoch", "step"}) {
    if ((step = step_field(object, key))) {
      step_key = key;
      break;
    }
  }
  record.step = step ? *step : ordinal;

  nlohmann::json metrics = object;
  if (step_key != nullptr) metrics.erase(step_key);
  for (const char* bookkeeping : {"_step", "_runtime", "_timestamp"}) metrics.erase(bookkeeping);
  const auto diverged = metrics.find("diverged");
  if (diverged != metrics.end()) {
    if (diverged->is_boolean() && diverged->get<bool>()) record.diverged = true;
    metrics.erase(diverged);
  }
  const auto summary = metrics.find("_summary");
  if (summary != metrics.end()) {
    if (summary->is_object())
      for (const auto& [key, value] : summary->items()) add_summary_value(key, value, record);
    metrics.erase(summary);
  }
  collect_fields(metrics, "", 0, record);
  return record;
}

}  // namespace orchestrator
