#include "report/trial_axes.h"

#include <algorithm>
#include <map>
#include <set>

#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/distribution.h"
#include "results/params.h"

namespace report {

namespace {

using nlohmann::json;

// The label a categorical value has on its axis: strings as they are, other values as JSON
// (the labels ParameterSpace::search_space gives bayes).
std::string choice_label(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// A flattened name ("opt.lr") as the one-element path find_in_config reads from a flattened config.
const json* find_flat(const json& flat, const std::string& name) {
  const auto found = flat.find(name);
  return found == flat.end() ? nullptr : &*found;
}

json flattened(const json& config) {
  json flat = json::object();
  for (auto& [name, value] : results::flatten_params(config)) flat[name] = value;
  return flat;
}

}  // namespace

TrialAxes TrialAxes::from_spec(const orchestrator::SweepSpec& spec) {
  TrialAxes result;
  const orchestrator::ParameterSpace space(spec);
  for (const auto& parameter : space.parameters()) {
    if (parameter.distribution == orchestrator::Distribution::Constant) continue;
    if (parameter.distribution == orchestrator::Distribution::Categorical && parameter.values.size() < 2) continue;
    ParallelAxis axis;
    axis.name = parameter.name();
    std::vector<json> choices;
    if (parameter.distribution == orchestrator::Distribution::Categorical) {
      axis.categorical = true;
      choices = parameter.values;
      for (const auto& value : parameter.values) axis.labels.push_back(choice_label(value));
    } else {
      axis.log = orchestrator::spec::log_scaled(parameter);  // the distribution table's answer
    }
    result.axes_.push_back(std::move(axis));
    result.paths_.push_back(parameter.path);
    result.choices_.push_back(std::move(choices));
  }
  return result;
}

TrialAxes TrialAxes::from_configs(const std::vector<json>& configs) {
  std::map<std::string, std::vector<std::optional<json>>> columns;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    for (auto& [name, value] : results::flatten_params(configs[i])) {
      auto& column = columns[name];
      column.resize(configs.size());
      column[i] = value;
    }
  }
  TrialAxes result;
  result.flat_names_ = true;
  for (auto& [name, column] : columns) {
    std::set<std::string> distinct;
    bool numeric = true;
    for (const auto& value : column) {
      if (!value) continue;
      distinct.insert(value->dump());
      numeric = numeric && value->is_number();
    }
    if (distinct.size() < 2) continue;
    ParallelAxis axis;
    axis.name = name;
    axis.categorical = !numeric;
    if (axis.categorical) {
      std::set<std::string> labels;
      for (const auto& value : column)
        if (value) labels.insert(choice_label(*value));
      axis.labels.assign(labels.begin(), labels.end());
    }
    result.axes_.push_back(std::move(axis));
    result.paths_.push_back({name});  // looked up in the flattened configuration
    result.choices_.emplace_back();
  }
  return result;
}

std::vector<std::optional<double>> TrialAxes::values(const json& config) const {
  std::vector<std::optional<double>> placed;
  const json flat = flat_names_ ? flattened(config) : json();
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const json* found = flat_names_ ? find_flat(flat, paths_[a][0]) : orchestrator::find_in_config(config, paths_[a]);
    std::optional<double> value;
    if (found && axes_[a].categorical) {
      if (!choices_[a].empty()) {
        const auto match = std::find(choices_[a].begin(), choices_[a].end(), *found);
        if (match != choices_[a].end()) value = static_cast<double>(match - choices_[a].begin());
      } else {
        const auto& labels = axes_[a].labels;
        const auto label = std::find(labels.begin(), labels.end(), choice_label(*found));
        if (label != labels.end()) value = static_cast<double>(label - labels.begin());
      }
    } else if (found && found->is_number()) {
      value = found->get<double>();
    }
    placed.push_back(value);
  }
  return placed;
}

void TrialAxes::place(const std::vector<json>& configs, std::vector<ParallelLine>& lines) {
  for (std::size_t i = 0; i < configs.size(); ++i) {
    auto values_of_config = values(configs[i]);
    for (std::size_t a = 0; a < axes_.size(); ++a) {
      if (values_of_config[a] && axes_[a].log && *values_of_config[a] <= 0) axes_[a].log = false;
    }
    lines[i].values = std::move(values_of_config);
  }
}

}  // namespace report
