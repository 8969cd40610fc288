#include "orchestrator/run/metric_line.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace orchestrator {

namespace {

constexpr int kMaxNesting = 8;  // deeper objects are not metrics anyone plots

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

// Strict JSON has no NaN or infinity, but Python's json.dumps and printf write them. Replaces each
// such bare literal (outside strings) with null and reports whether there was one.
bool replace_non_finite_literals(std::string& text) {
  bool found = false;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') { in_string = true; continue; }
    const bool token_start = i == 0 || !is_identifier_char(text[i - 1]);
    const std::size_t length = token_start ? non_finite_literal_at(text, i) : 0;
    if (length > 0) {
      text.replace(i, length, "null");
      found = true;
      i += 3;
    }
  }
  return found;
}

bool holds_a_number(const nlohmann::json& value) {
  if (value.is_number()) return true;
  if (!value.is_object()) return false;
  return std::any_of(value.begin(), value.end(), [](const nlohmann::json& item) { return holds_a_number(item); });
}

// A media description ({"_type":"table",...}) is one summary value, whatever numbers it holds.
bool is_media_description(const nlohmann::json& value) { return value.is_object() && value.contains("_type"); }

void collect_fields(const nlohmann::json& object, const std::string& prefix, int depth, MetricRecord& record) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (value.is_number()) {
      const double number = value.get<double>();
      if (std::isfinite(number)) record.points.push_back({record.step, name, number});
      else record.diverged = true;
    } else if (value.is_object() && !is_media_description(value) && holds_a_number(value)) {
      if (depth < kMaxNesting) collect_fields(value, name, depth + 1, record);
    } else if (!value.is_null()) {
      record.summary.emplace_back(name, value.dump());
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
  std::string text(line.substr(first));
  const bool had_non_finite = replace_non_finite_literals(text);
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
      for (const auto& [key, value] : summary->items()) record.summary.emplace_back(key, value.dump());
    metrics.erase(summary);
  }
  collect_fields(metrics, "", 0, record);
  return record;
}

}  // namespace orchestrator
