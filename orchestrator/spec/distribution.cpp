#include "orchestrator/spec/distribution.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace orchestrator::spec {
namespace {

using nlohmann::json;

constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53

// round(x / q) * q, without the 0.30000000000000004 tails that floating multiplication leaves.
double quantize(double x, double q) {
  const double snapped = std::round(x / q) * q;
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", snapped);
  return std::strtod(text, nullptr);
}

double uniform(std::mt19937_64& rng, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng);
}

double draw(const ParameterSpec& p, std::mt19937_64& rng) {
  switch (p.distribution) {
    case Distribution::Uniform:
    case Distribution::QUniform:
      return uniform(rng, p.min, p.max);
    case Distribution::LogUniform:
    case Distribution::QLogUniform:
      return std::exp(uniform(rng, p.min, p.max));  // bounds are natural logs
    case Distribution::LogUniformValues:
    case Distribution::QLogUniformValues:
    case Distribution::InvLogUniformValues:  // W&B draws exp(-U(-log max, -log min)): the same law
      return std::exp(uniform(rng, std::log(p.min), std::log(p.max)));
    case Distribution::Normal:
    case Distribution::QNormal:
      return std::normal_distribution<double>(p.mu, p.sigma)(rng);
    case Distribution::LogNormal:
      return std::exp(std::normal_distribution<double>(p.mu, p.sigma)(rng));
    default:
      return p.min;
  }
}

}  // namespace

std::optional<std::uint64_t> choice_count(const ParameterSpec& p) {
  switch (p.distribution) {
    case Distribution::Constant:
      return 1;
    case Distribution::Categorical:
      return p.values.size();
    case Distribution::IntUniform:
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(p.max) - static_cast<std::int64_t>(p.min)) + 1;
    case Distribution::QUniform: {
      const double steps = std::round(p.max / p.q) - std::round(p.min / p.q);
      if (!(steps < kLargestExactInteger)) return std::nullopt;
      return static_cast<std::uint64_t>(steps) + 1;
    }
    default:
      return std::nullopt;
  }
}

json choice(const ParameterSpec& p, std::uint64_t index) {
  switch (p.distribution) {
    case Distribution::Constant:
      return p.values.front();
    case Distribution::Categorical:
      return p.values.at(index);
    case Distribution::IntUniform:
      return static_cast<std::int64_t>(p.min) + static_cast<std::int64_t>(index);
    case Distribution::QUniform:
      return number_value(p, (std::round(p.min / p.q) + static_cast<double>(index)) * p.q);
    default:
      return number_value(p, p.min);
  }
}

json sample_value(const ParameterSpec& p, std::mt19937_64& rng) {
  switch (p.distribution) {
    case Distribution::Constant:
      return p.values.front();
    case Distribution::Categorical: {
      if (p.probabilities.empty()) {
        return p.values[std::uniform_int_distribution<std::size_t>(0, p.values.size() - 1)(rng)];
      }
      std::discrete_distribution<std::size_t> pick(p.probabilities.begin(), p.probabilities.end());
      return p.values[pick(rng)];
    }
    case Distribution::IntUniform:
      return std::uniform_int_distribution<std::int64_t>(static_cast<std::int64_t>(p.min),
                                                         static_cast<std::int64_t>(p.max))(rng);
    default:
      return number_value(p, draw(p, rng));
  }
}

json number_value(const ParameterSpec& p, double x) {
  if (is_quantized(p.distribution)) x = quantize(x, p.q);
  if (!p.integer) return x;
  const double clamped = std::clamp(std::round(x), -kLargestExactInteger, kLargestExactInteger);
  return static_cast<std::int64_t>(clamped);
}

std::optional<std::uint64_t> grid_size(const std::vector<ParameterSpec>& parameters) {
  std::uint64_t size = 1;
  for (const ParameterSpec& parameter : parameters) {
    const auto count = choice_count(parameter);
    if (!count || (*count != 0 && size > UINT64_MAX / *count)) return std::nullopt;
    size *= *count;
  }
  return size;
}

namespace {

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

bayesopt::Value json_to_bayes(const json& value) {
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
  return number_value(p, bayes_range(p).low);
}

}  // namespace

bayesopt::Parameter bayes_parameter(const ParameterSpec& p) {
  const std::string name = p.name();
  if (is_fixed(p)) return bayesopt::Parameter::fixed(name, json_to_bayes(fixed_value(p)));
  if (p.distribution == Distribution::Categorical) return bayesopt::Parameter::categorical(name, labels_of(p));
  if (p.distribution == Distribution::IntUniform) {
    return bayesopt::Parameter::integer(name, static_cast<std::int64_t>(p.min), static_cast<std::int64_t>(p.max));
  }
  const BayesRange range = bayes_range(p);
  return bayesopt::Parameter::continuous(name, range.low, range.high, range.log,
                                         is_quantized(p.distribution) ? p.q : 0.0);
}

json from_bayes_value(const ParameterSpec& p, const bayesopt::Value* value) {
  if (is_fixed(p)) return fixed_value(p);
  if (value == nullptr) throw std::invalid_argument("parameter " + p.name() + " is missing from the assignment");
  if (p.distribution == Distribution::Categorical) {
    const auto* label = std::get_if<std::string>(value);
    const std::vector<std::string> labels = labels_of(p);
    const auto it = label == nullptr ? labels.end() : std::find(labels.begin(), labels.end(), *label);
    if (it == labels.end()) throw std::invalid_argument("parameter " + p.name() + ": bayesopt gave an unknown choice");
    return p.values[static_cast<std::size_t>(it - labels.begin())];
  }
  const BayesRange range = bayes_range(p);
  return number_value(p, std::clamp(as_number(*value, p.name()), range.low, range.high));
}

bayesopt::Value to_bayes_value(const ParameterSpec& p, const json* value) {
  const std::string name = p.name();
  if (is_fixed(p)) return json_to_bayes(fixed_value(p));
  if (value == nullptr) throw std::invalid_argument("parameter " + name + " is missing from the configuration");
  if (p.distribution == Distribution::Categorical) {
    const auto it = std::find(p.values.begin(), p.values.end(), *value);
    if (it == p.values.end()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not one of its values");
    return labels_of(p)[static_cast<std::size_t>(it - p.values.begin())];
  }
  if (!value->is_number()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not a number");
  const BayesRange range = bayes_range(p);
  const double x = std::clamp(value->get<double>(), range.low, range.high);
  if (p.distribution == Distribution::IntUniform) return static_cast<std::int64_t>(std::llround(x));
  return x;
}

}  // namespace orchestrator::spec
