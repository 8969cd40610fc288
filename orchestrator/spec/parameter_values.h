// ParameterValues: the values one parameter takes: its grid choices, a random draw from its
// distribution (W&B semantics), and the snapping of a number onto its valid values.
#pragma once

#include <cstdint>
#include <optional>
#include <random>

#include <nlohmann/json.hpp>

#include "orchestrator/sweep_spec.h"

namespace orchestrator::spec {

// See grid_choice_count in parameter_space.h.
std::optional<std::uint64_t> choice_count(const ParameterSpec& parameter);
// The index-th grid choice, 0 <= index < *choice_count(parameter).
nlohmann::json choice(const ParameterSpec& parameter, std::uint64_t index);
// A draw from the parameter's distribution.
nlohmann::json sample_value(const ParameterSpec& parameter, std::mt19937_64& rng);
// A number in the parameter's own units as the parameter would produce it: rounded to a multiple
// of q for q_* distributions, an integer for integer parameters, a float otherwise.
nlohmann::json number_value(const ParameterSpec& parameter, double x);

}  // namespace orchestrator::spec
