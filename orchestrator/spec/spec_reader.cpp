#include "orchestrator/spec/spec_reader.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator::spec {

using nlohmann::json;

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool contains(KeyList words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string closest_word(std::string_view word, KeyList candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string list_words(KeyList words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " or " : ", ";
    text += words[i];
  }
  return text;
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "empty (null)";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "the string \"" + value.get<std::string>() + "\"";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "a mapping";
    default: return "an unsupported value";
  }
}

std::string SpecReader::line_of(std::string path) const {
  while (!path.empty()) {
    if (const auto it = lines_.find(path); it != lines_.end()) return "line " + std::to_string(it->second) + ": ";
    const std::size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  return "";
}

void SpecReader::fail(const std::string& path, const std::string& message) const {
  throw SpecError(source_ + ": " + line_of(path) + (path.empty() ? "" : path + ": ") + message);
}

void SpecReader::warn(const std::string& path, const std::string& message) const {
  if (warnings_ != nullptr) {
    warnings_->push_back(source_ + ": " + line_of(path) + (path.empty() ? "" : path + ": ") + "warning: " + message);
  }
}

void SpecReader::check_keys(const json& object, const std::string& path, KeyList known, KeyList ignored) const {
  for (const auto& [key, value] : object.items()) {
    if (contains(known, key) || contains(ignored, key)) continue;
    const std::string suggestion = closest_word(key, known);
    fail(join_path(path, key), "unknown key" + (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)") +
                                   "; allowed here: " + list_words(known));
  }
}

const json& SpecReader::object(const json& value, const std::string& path) const {
  if (!value.is_object()) fail(path, "is " + describe(value) + "; a mapping of keys is required");
  return value;
}

std::string SpecReader::string(const json& value, const std::string& path) const {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    fail(path, "is " + describe(value) + "; a non-empty string is required");
  }
  return value.get<std::string>();
}

double SpecReader::number(const json& value, const std::string& path) const {
  if (!value.is_number()) fail(path, "is " + describe(value) + "; a number is required");
  const double number = value.get<double>();
  if (!std::isfinite(number)) fail(path, "is not finite; a finite number is required");
  return number;
}

std::int64_t SpecReader::integer(const json& value, const std::string& path) const {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail(path, "is too large; an integer below 2^63 is required");
  }
  if (!value.is_number_integer()) fail(path, "is " + describe(value) + "; an integer is required");
  return value.get<std::int64_t>();
}

std::int64_t SpecReader::integer_in(const json& value, const std::string& path, std::int64_t low, std::int64_t high) const {
  const std::int64_t result = integer(value, path);
  if (result < low || result > high) {
    fail(path, "is " + std::to_string(result) + "; an integer >= " + std::to_string(low) +
                   (high == INT64_MAX ? "" : " and <= " + std::to_string(high)) + " is required");
  }
  return result;
}

bool SpecReader::boolean(const json& value, const std::string& path) const {
  if (!value.is_boolean()) fail(path, "is " + describe(value) + "; true or false is required");
  return value.get<bool>();
}

}  // namespace orchestrator::spec
