// space/: the configurations a sweep may try, and who proposes them (trial_proposer.h).
// ParameterSpace: grid enumeration, seeded random sampling, and the mapping to and from
// bayesopt::SearchSpace for the bayes method. Per-parameter rules live in spec/distribution.h.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bayesopt/search_space.h"
#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator {

// One trial's configuration: a JSON object, nested for nested `parameters` blocks
// ({"optimizer": {"name": "adam", "lr": 0.001}, "epochs": 10}).
using Config = nlohmann::json;

class ParameterSpace {
 public:
  explicit ParameterSpace(std::vector<ParameterSpec> parameters);
  explicit ParameterSpace(const SweepSpec& spec);

  const std::vector<ParameterSpec>& parameters() const { return parameters_; }

  // Grid: every combination once, in a fixed order (the last parameter varies fastest).
  // grid_size() is nullopt when some parameter is continuous (or the count overflows 64 bits).
  std::optional<std::uint64_t> grid_size() const;
  // The index-th grid configuration, 0 <= index < *grid_size(); throws std::out_of_range otherwise.
  Config grid_point(std::uint64_t index) const;

  // A configuration drawn from every parameter's distribution (W&B semantics, probabilities honoured).
  Config sample(std::mt19937_64& rng) const;

  // The space bayesopt searches. Parameter names are the dotted paths ("optimizer.lr").
  // Normal-family distributions become bounded ranges: normal/q_normal -> [mu-3σ, mu+3σ],
  // log_normal -> [exp(mu-3σ), exp(mu+3σ)] on a log scale. Categorical values become string
  // labels (strings as-is, other JSON values dumped); probabilities are not used by bayes.
  bayesopt::SearchSpace search_space() const;
  // bayesopt's proposal -> a configuration (labels mapped back to the original JSON values,
  // integer parameters as JSON integers). Throws std::invalid_argument on a missing parameter.
  Config to_config(const bayesopt::Assignment& assignment) const;
  // A stored configuration (e.g. reloaded from the database) -> bayesopt's form, values clamped
  // into the bayes bounds. Throws std::invalid_argument if a parameter is missing or a categorical
  // value is not one of the choices.
  bayesopt::Assignment to_assignment(const Config& config) const;

 private:
  std::vector<ParameterSpec> parameters_;
};

// The value at a dotted path in a (nested) configuration, or nullptr if absent.
const nlohmann::json* find_in_config(const Config& config, const std::vector<std::string>& path);
// Sets the value at a path, creating nested objects on the way.
void set_in_config(Config& config, const std::vector<std::string>& path, nlohmann::json value);

}  // namespace orchestrator
