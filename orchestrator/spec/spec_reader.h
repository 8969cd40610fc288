// SpecReader: typed access to the fields of a spec's JSON tree. Every refusal names the field by
// its path (parameters.learning_rate.max) and says what is allowed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/yaml_to_json.h"

namespace orchestrator::spec {

using KeyList = std::span<const std::string_view>;

class SpecReader {
 public:
  // Warnings (see warn) are appended to *warnings; nullptr drops them.
  explicit SpecReader(std::string source, FieldLines lines = {}, std::vector<std::string>* warnings = nullptr)
      : source_(std::move(source)), lines_(std::move(lines)), warnings_(warnings) {}

  const std::string& source() const { return source_; }

  // Throws SpecError "<source>: line N: <path>: <message>" (the line of the field, or of its
  // nearest written parent, when known).
  [[noreturn]] void fail(const std::string& path, const std::string& message) const;
  // Records "<source>: line N: <path>: warning: <message>" for something accepted but changed or
  // ignored; the message says what was done.
  void warn(const std::string& path, const std::string& message) const;

  // Refuses a key of `object` that is neither in `known` nor in `ignored`, suggesting the closest
  // known key. `object` must be a JSON object.
  void check_keys(const nlohmann::json& object, const std::string& path, KeyList known, KeyList ignored = {}) const;

  const nlohmann::json& object(const nlohmann::json& value, const std::string& path) const;
  std::string string(const nlohmann::json& value, const std::string& path) const;       // non-empty
  double number(const nlohmann::json& value, const std::string& path) const;            // finite
  std::int64_t integer(const nlohmann::json& value, const std::string& path) const;
  // An integer in [low, high].
  std::int64_t integer_in(const nlohmann::json& value, const std::string& path, std::int64_t low,
                          std::int64_t high = INT64_MAX) const;
  bool boolean(const nlohmann::json& value, const std::string& path) const;

 private:
  std::string line_of(std::string path) const;

  std::string source_;
  FieldLines lines_;
  std::vector<std::string>* warnings_;
};

// "a.b" from "a" and "b"; just "b" at the top.
std::string join_path(const std::string& parent, const std::string& key);
// The candidate nearest to `word` by edit distance, or empty if none is plausibly meant.
std::string closest_word(std::string_view word, KeyList candidates);
// "a, b or c".
std::string list_words(KeyList words);
// What a JSON value is, for messages ("a string", "a list", ...).
std::string describe(const nlohmann::json& value);

}  // namespace orchestrator::spec
