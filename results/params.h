// A trial's parameters (a JSON object, possibly nested) as flat name/value pairs, and those pairs
// as trainer flags ready to paste: `--learning_rate=0.001 --optimizer=adam`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace results {

// Nested objects become dotted names ({"opt":{"lr":1}} -> "opt.lr"); order is the object's (by name).
std::vector<std::pair<std::string, nlohmann::json>> flatten_params(const nlohmann::json& params);
// Parses a trial's params_json; a row that is not a JSON object is reported as a StoreError.
nlohmann::json parse_params(const std::string& params_json);
// A value as a trainer reads it: strings bare, numbers and booleans as JSON writes them.
std::string param_text(const nlohmann::json& value);
// The words joined by spaces; a word a POSIX shell would split or expand is single-quoted, so the
// line pastes as is.
std::string shell_join(const std::vector<std::string>& words);

}  // namespace results
