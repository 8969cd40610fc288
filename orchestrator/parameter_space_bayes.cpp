// ParameterSpace's bridge to bayesopt: the bounded search space a sweep's parameters span, and
// the conversions between bayesopt's assignments and sweep's JSON configurations.
#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "orchestrator/parameter_space.h"
#include "orchestrator/spec/parameter_values.h"

namespace orchestrator {
namespace {

using nlohmann::json;

// A parameter's range as bayesopt sees it, in the parameter's own units.
struct BayesRange {
  double low = 0, high = 0;
  bool log = false;
};

BayesRange bayes_range(const ParameterSpec& p) {
  switch (p.distribution) {
    case Distribution::LogUniform:
    case Distribution::QLogUniform:
      return {std::exp(p.min), std::exp(p.max), true};
    case Distribution::LogUniformValues:
    case Distribution::QLogUniformValues:
    case Distribution::InvLogUniformValues:
      return {p.min, p.max, true};
    case Distribution::Normal:
    case Distribution::QNormal:  // unbounded: the central 99.7% of the distribution
      return {p.mu - 3 * p.sigma, p.mu + 3 * p.sigma, false};
    case Distribution::LogNormal:
      return {std::exp(p.mu - 3 * p.sigma), std::exp(p.mu + 3 * p.sigma), true};
    default:
      return {p.min, p.max, false};
  }
}

// Categorical values as bayesopt labels: strings as they are, other values as JSON text; if that
// makes two labels equal ("1" and 1), every label is JSON text.
std::vector<std::string> labels_of(const ParameterSpec& p) {
  std::vector<std::string> labels;
  for (const json& value : p.values) labels.push_back(value.is_string() ? value.get<std::string>() : value.dump());
  if (std::set<std::string>(labels.begin(), labels.end()).size() == labels.size()) return labels;
  labels.clear();
  for (const json& value : p.values) labels.push_back(value.dump());
  return labels;
}

bayesopt::Value to_bayes_value(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) return value.get<double>();
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

double as_number(const bayesopt::Value& value, const std::string& name) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  throw std::invalid_argument("parameter " + name + ": bayesopt gave a string for a numeric parameter");
}

// The parameters bayesopt does not search: one possible value only.
bool is_fixed(const ParameterSpec& p) {
  if (p.distribution == Distribution::Constant) return true;
  if (p.distribution == Distribution::Categorical) return p.values.size() == 1;
  const BayesRange range = bayes_range(p);
  return range.low == range.high;
}

json fixed_value(const ParameterSpec& p) {
  if (p.distribution == Distribution::Constant || p.distribution == Distribution::Categorical) return p.values.front();
  return spec::number_value(p, bayes_range(p).low);
}

bayesopt::Parameter to_bayes_parameter(const ParameterSpec& p) {
  const std::string name = p.name();
  if (is_fixed(p)) return bayesopt::Parameter::fixed(name, to_bayes_value(fixed_value(p)));
  if (p.distribution == Distribution::Categorical) return bayesopt::Parameter::categorical(name, labels_of(p));
  if (p.distribution == Distribution::IntUniform) {
    return bayesopt::Parameter::integer(name, static_cast<std::int64_t>(p.min), static_cast<std::int64_t>(p.max));
  }
  const BayesRange range = bayes_range(p);
  return bayesopt::Parameter::continuous(name, range.low, range.high, range.log,
                                         is_quantized(p.distribution) ? p.q : 0.0);
}

const bayesopt::Value& lookup(const bayesopt::Assignment& assignment, const std::string& name) {
  const auto it = assignment.find(name);
  if (it == assignment.end()) throw std::invalid_argument("parameter " + name + " is missing from the assignment");
  return it->second;
}

}  // namespace

bayesopt::SearchSpace ParameterSpace::search_space() const {
  std::vector<bayesopt::Parameter> parameters;
  for (const ParameterSpec& p : parameters_) parameters.push_back(to_bayes_parameter(p));
  return bayesopt::SearchSpace(std::move(parameters));
}

Config ParameterSpace::to_config(const bayesopt::Assignment& assignment) const {
  Config config = json::object();
  for (const ParameterSpec& p : parameters_) {
    json value;
    if (is_fixed(p)) {
      value = fixed_value(p);
    } else if (p.distribution == Distribution::Categorical) {
      const auto* label = std::get_if<std::string>(&lookup(assignment, p.name()));
      const std::vector<std::string> labels = labels_of(p);
      const auto it = label == nullptr ? labels.end() : std::find(labels.begin(), labels.end(), *label);
      if (it == labels.end()) throw std::invalid_argument("parameter " + p.name() + ": bayesopt gave an unknown choice");
      value = p.values[static_cast<std::size_t>(it - labels.begin())];
    } else {
      const BayesRange range = bayes_range(p);
      const double x = std::clamp(as_number(lookup(assignment, p.name()), p.name()), range.low, range.high);
      value = spec::number_value(p, x);
    }
    set_in_config(config, p.path, std::move(value));
  }
  return config;
}

bayesopt::Assignment ParameterSpace::to_assignment(const Config& config) const {
  bayesopt::Assignment assignment;
  for (const ParameterSpec& p : parameters_) {
    const std::string name = p.name();
    if (is_fixed(p)) {
      assignment[name] = to_bayes_value(fixed_value(p));
      continue;
    }
    const json* value = find_in_config(config, p.path);
    if (value == nullptr) throw std::invalid_argument("parameter " + name + " is missing from the configuration");
    if (p.distribution == Distribution::Categorical) {
      const auto it = std::find(p.values.begin(), p.values.end(), *value);
      if (it == p.values.end()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not one of its values");
      assignment[name] = labels_of(p)[static_cast<std::size_t>(it - p.values.begin())];
      continue;
    }
    if (!value->is_number()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not a number");
    const BayesRange range = bayes_range(p);
    const double x = std::clamp(value->get<double>(), range.low, range.high);
    if (p.distribution == Distribution::IntUniform) {
      assignment[name] = static_cast<std::int64_t>(std::llround(x));
    } else {
      assignment[name] = x;
    }
  }
  return assignment;
}

}  // namespace orchestrator
