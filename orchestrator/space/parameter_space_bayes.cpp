// ParameterSpace's bridge to bayesopt: the bounded search space a sweep's parameters span, and
// the conversions between bayesopt's assignments and sweep's JSON configurations (per parameter,
// spec/distribution.h encodes and decodes).
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/distribution.h"

namespace orchestrator {

bayesopt::SearchSpace ParameterSpace::search_space() const {
  std::vector<bayesopt::Parameter> parameters;
  for (const ParameterSpec& p : parameters_) parameters.push_back(spec::bayes_parameter(p));
  return bayesopt::SearchSpace(std::move(parameters));
}

Config ParameterSpace::to_config(const bayesopt::Assignment& assignment) const {
  Config config = nlohmann::json::object();
  for (const ParameterSpec& p : parameters_) {
    const auto it = assignment.find(p.name());
    set_in_config(config, p.path, spec::from_bayes_value(p, it == assignment.end() ? nullptr : &it->second));
  }
  return config;
}

bayesopt::Assignment ParameterSpace::to_assignment(const Config& config) const {
  bayesopt::Assignment assignment;
  for (const ParameterSpec& p : parameters_) assignment[p.name()] = spec::to_bayes_value(p, find_in_config(config, p.path));
  return assignment;
}

}  // namespace orchestrator
