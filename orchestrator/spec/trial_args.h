// Trial arguments: a configuration's parameters as the command-line flags a trial receives, formatted
// as W&B's agent formats them. Used for the trial argv and for the flags `sweep best` prints.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace orchestrator {

// One value formatted as W&B's agent does for ${args}: ints as ints, floats in Python's shortest
// repr (0.001, 1e-05, 3.0), strings as-is, booleans True/False, null None, lists/objects as JSON.
std::string format_arg_value(const nlohmann::json& value);

// One "<prefix><name>=<value>" per top-level key of config (nested blocks are passed as JSON objects);
// with boolean_flags, a true boolean is "<prefix><name>" alone and a false one is left out.
std::vector<std::string> arg_flags(const nlohmann::json& config, const std::string& prefix, bool boolean_flags);

}  // namespace orchestrator
