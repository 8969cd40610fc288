#include "orchestrator/space/parameter_space.h"

#include <stdexcept>

#include "orchestrator/spec/distribution.h"

namespace orchestrator {

using nlohmann::json;

ParameterSpace::ParameterSpace(std::vector<ParameterSpec> parameters) : parameters_(std::move(parameters)) {}

ParameterSpace::ParameterSpace(const SweepSpec& spec) : ParameterSpace(spec.parameters) {}

std::optional<std::uint64_t> ParameterSpace::grid_size() const { return spec::grid_size(parameters_); }

Config ParameterSpace::grid_point(std::uint64_t index) const {
  const auto size = grid_size();
  if (!size || index >= *size) throw std::out_of_range("grid point " + std::to_string(index) + " is outside the grid");
  Config config = json::object();
  // Mixed radix, last parameter fastest: decode digits from the end, set values in declaration order.
  std::vector<std::uint64_t> digits(parameters_.size());
  for (std::size_t i = parameters_.size(); i-- > 0;) {
    const std::uint64_t count = *spec::choice_count(parameters_[i]);
    digits[i] = index % count;
    index /= count;
  }
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    set_in_config(config, parameters_[i].path, spec::choice(parameters_[i], digits[i]));
  }
  return config;
}

Config ParameterSpace::sample(std::mt19937_64& rng) const {
  Config config = json::object();
  for (const ParameterSpec& parameter : parameters_) {
    set_in_config(config, parameter.path, spec::sample_value(parameter, rng));
  }
  return config;
}

const json* find_in_config(const Config& config, const std::vector<std::string>& path) {
  const json* node = &config;
  for (const std::string& key : path) {
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

void set_in_config(Config& config, const std::vector<std::string>& path, json value) {
  json* node = &config;
  for (const std::string& key : path) {
    if (!node->is_object()) *node = json::object();
    node = &(*node)[key];
  }
  *node = std::move(value);
}

}  // namespace orchestrator
