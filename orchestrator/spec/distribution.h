// Distribution behaviour, one parameter at a time: its grid choices, a random draw (W&B semantics),
// the snapping of a number onto its valid values, and its encoding for bayesopt and the inverse.
#pragma once

#include <cstdint>
#include <optional>
#include <random>

#include <nlohmann/json.hpp>

#include "bayesopt/search_space.h"
#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator::spec {

// How many values a parameter takes in a grid (value: 1, values: n, int_uniform: max - min + 1,
// q_uniform: the multiples of q between min and max); nullopt for a continuous distribution.
std::optional<std::uint64_t> choice_count(const ParameterSpec& parameter);
// The product of the parameters' choice counts; nullopt if one is continuous or it overflows 64 bits.
std::optional<std::uint64_t> grid_size(const std::vector<ParameterSpec>& parameters);
// The index-th grid choice, 0 <= index < *choice_count(parameter).
nlohmann::json choice(const ParameterSpec& parameter, std::uint64_t index);
// A draw from the parameter's distribution.
nlohmann::json sample_value(const ParameterSpec& parameter, std::mt19937_64& rng);
// A number in the parameter's own units as the parameter would produce it: rounded to a multiple
// of q for q_* distributions, an integer for integer parameters, a float otherwise.
nlohmann::json number_value(const ParameterSpec& parameter, double x);

// The parameter as bayesopt searches it, named by its dotted path. Normal-family distributions become
// bounded ranges: normal/q_normal -> [mu-3σ, mu+3σ], log_normal -> [exp(mu-3σ), exp(mu+3σ)] on a log
// scale; categorical values become string labels; a parameter with one possible value is fixed.
// Throws std::invalid_argument for a range bayesopt cannot search.
bayesopt::Parameter bayes_parameter(const ParameterSpec& parameter);
// bayesopt's value for the parameter (nullptr if absent) -> the configuration value (a label back to
// its JSON value, numbers clamped into the bayes bounds and snapped). Throws std::invalid_argument on a
// bad value, or a missing one for a parameter that is not fixed.
nlohmann::json from_bayes_value(const ParameterSpec& parameter, const bayesopt::Value* value);
// A configuration's value (or nullptr if absent) -> bayesopt's form, clamped into the bayes bounds.
// Throws std::invalid_argument if it is missing, not a number, or not one of the categorical values.
bayesopt::Value to_bayes_value(const ParameterSpec& parameter, const nlohmann::json* value);

}  // namespace orchestrator::spec
