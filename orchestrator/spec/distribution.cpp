#include "orchestrator/spec/distribution.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace orchestrator {
namespace spec {
namespace {

using nlohmann::json;
using namespace std::string_view_literals;

constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
constexpr double kLogLimit = 700;                            // exp(±700) is still a finite double

// --- the keys rows share ---

const NumericKey kMin{"min", &ParameterSpec::min, std::nullopt};
const NumericKey kMax{"max", &ParameterSpec::max, std::nullopt};
const NumericKey kPositiveMin{"min", &ParameterSpec::min, std::nullopt, true};
const NumericKey kMu{"mu", &ParameterSpec::mu, 0.0};
const NumericKey kSigma{"sigma", &ParameterSpec::sigma, 1.0, true};
const NumericKey kQ{"q", &ParameterSpec::q, 1.0, true};  // W&B's default q is 1.0, a float
// W&B's schema allows a = 0 or b = 0, but Beta(0, b) is no distribution (scipy gives nan): refused.
const NumericKey kA{"a", &ParameterSpec::a, 1.0, true};
const NumericKey kB{"b", &ParameterSpec::b, 1.0, true};

// --- draws ---

double uniform(std::mt19937_64& rng, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng);
}
double draw_uniform(const ParameterSpec& p, std::mt19937_64& rng) { return uniform(rng, p.min, p.max); }
double draw_exp_uniform(const ParameterSpec& p, std::mt19937_64& rng) {
  return std::exp(uniform(rng, p.min, p.max));  // bounds are natural logs
}
// W&B draws inv_log_uniform_values as exp(-U(-log max, -log min)): the same law as this.
double draw_log_uniform_values(const ParameterSpec& p, std::mt19937_64& rng) {
  return std::exp(uniform(rng, std::log(p.min), std::log(p.max)));
}
double draw_normal(const ParameterSpec& p, std::mt19937_64& rng) {
  return std::normal_distribution<double>(p.mu, p.sigma)(rng);
}
double draw_log_normal(const ParameterSpec& p, std::mt19937_64& rng) { return std::exp(draw_normal(p, rng)); }
// W&B's inv_log_uniform: bounds are logs of 1/value, so the value is exp(-U(min, max)).
double draw_inv_log_uniform(const ParameterSpec& p, std::mt19937_64& rng) { return std::exp(-uniform(rng, p.min, p.max)); }
// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). For tiny a and b both can underflow to
// 0; the law is then almost all at the ends, 1 with probability a / (a + b).
double draw_beta(const ParameterSpec& p, std::mt19937_64& rng) {
  const double x = std::gamma_distribution<double>(p.a, 1.0)(rng);
  const double y = std::gamma_distribution<double>(p.b, 1.0)(rng);
  if (x + y > 0) return x / (x + y);
  return uniform(rng, 0, 1) < p.a / (p.a + p.b) ? 1.0 : 0.0;
}

// --- bayes ranges ---

BayesRange range_as_written(const ParameterSpec& p) { return {p.min, p.max, false}; }
BayesRange range_exp_bounds(const ParameterSpec& p) { return {std::exp(p.min), std::exp(p.max), true}; }
BayesRange range_log_values(const ParameterSpec& p) { return {p.min, p.max, true}; }
BayesRange range_normal(const ParameterSpec& p) {  // unbounded: the central 99.7% of the law
  return {p.mu - 3 * p.sigma, p.mu + 3 * p.sigma, false};
}
BayesRange range_log_normal(const ParameterSpec& p) {
  return {std::exp(p.mu - 3 * p.sigma), std::exp(p.mu + 3 * p.sigma), true};
}
BayesRange range_inv_log(const ParameterSpec& p) { return {std::exp(-p.max), std::exp(-p.min), true}; }
BayesRange range_unit(const ParameterSpec&) { return {0, 1, false}; }

// --- checks across keys ---

std::optional<KeyProblem> bounds_are_logs(const ParameterSpec& p) {
  if (p.max <= kLogLimit && p.min >= -kLogLimit) return std::nullopt;
  return KeyProblem{p.max > kLogLimit ? "max" : "min",
                    "is outside [-700, 700]; " + std::string(distribution_name(p.distribution)) +
                        " bounds are natural logarithms (use " + std::string(row_of(p.distribution).replaced_by) +
                        " for bounds as values)"};
}

std::optional<KeyProblem> log_normal_fits(const ParameterSpec& p) {
  if (std::abs(p.mu) + 3 * p.sigma <= kLogLimit) return std::nullopt;
  return KeyProblem{"", "mu ± 3 sigma leaves [-700, 700]; " + std::string(distribution_name(p.distribution)) +
                            "'s mu and sigma are in log space"};
}

std::optional<KeyProblem> int_bounds_exact(const ParameterSpec& p) {
  for (const auto& [key, bound] : {std::pair{"min", p.min}, std::pair{"max", p.max}}) {
    if (std::abs(bound) > kLargestExactInteger) {
      return KeyProblem{key, "is beyond ±2^53; int_uniform bounds must be smaller"};
    }
  }
  return std::nullopt;
}

// --- the table ---

std::vector<DistributionRow> make_table() {
  using K = ValueKind;
  using D = Distribution;
  return {
      {.distribution = D::Constant, .name = "constant", .kind = K::Constant},
      {.distribution = D::Categorical, .name = "categorical", .alias = "categorical_w_probabilities",
       .kind = K::Categorical},
      {.distribution = D::IntUniform, .name = "int_uniform", .kind = K::Integer, .keys = {kMin, kMax},
       .check = int_bounds_exact},
      {.distribution = D::Uniform, .name = "uniform", .kind = K::Real, .keys = {kMin, kMax},
       .draw = draw_uniform, .bayes_range = range_as_written},
      {.distribution = D::QUniform, .name = "q_uniform", .kind = K::Real, .keys = {kMin, kMax, kQ},
       .grid_by_q = true, .draw = draw_uniform, .bayes_range = range_as_written},
      {.distribution = D::LogUniform, .name = "log_uniform", .replaced_by = "log_uniform_values", .kind = K::Real,
       .keys = {kMin, kMax},
       .draw = draw_exp_uniform, .bayes_range = range_exp_bounds, .check = bounds_are_logs},
      {.distribution = D::LogUniformValues, .name = "log_uniform_values", .kind = K::Real,
       .keys = {kPositiveMin, kMax}, .draw = draw_log_uniform_values, .bayes_range = range_log_values},
      {.distribution = D::QLogUniformValues, .name = "q_log_uniform_values", .kind = K::Real,
       .keys = {kPositiveMin, kMax, kQ}, .draw = draw_log_uniform_values, .bayes_range = range_log_values},
      {.distribution = D::InvLogUniformValues, .name = "inv_log_uniform_values", .kind = K::Real,
       .keys = {kPositiveMin, kMax}, .draw = draw_log_uniform_values, .bayes_range = range_log_values},
      {.distribution = D::Normal, .name = "normal", .kind = K::Real, .keys = {kMu, kSigma},
       .draw = draw_normal, .bayes_range = range_normal},
      {.distribution = D::QNormal, .name = "q_normal", .kind = K::Real, .keys = {kMu, kSigma, kQ},
       .draw = draw_normal, .bayes_range = range_normal},
      {.distribution = D::LogNormal, .name = "log_normal", .kind = K::Real, .keys = {kMu, kSigma},
       .draw = draw_log_normal, .bayes_range = range_log_normal, .check = log_normal_fits},
      {.distribution = D::QLogUniform, .name = "q_log_uniform", .replaced_by = "q_log_uniform_values",
       .kind = K::Real, .keys = {kMin, kMax, kQ}, .draw = draw_exp_uniform, .bayes_range = range_exp_bounds,
       .check = bounds_are_logs},
      {.distribution = D::InvLogUniform, .name = "inv_log_uniform", .replaced_by = "inv_log_uniform_values",
       .kind = K::Real, .keys = {kMin, kMax}, .draw = draw_inv_log_uniform, .bayes_range = range_inv_log,
       .check = bounds_are_logs},
      {.distribution = D::QLogNormal, .name = "q_log_normal", .kind = K::Real, .keys = {kMu, kSigma, kQ},
       .draw = draw_log_normal, .bayes_range = range_log_normal, .check = log_normal_fits},
      {.distribution = D::Beta, .name = "beta", .kind = K::Real, .keys = {kA, kB}, .draw = draw_beta,
       .bayes_range = range_unit},
      {.distribution = D::QBeta, .name = "q_beta", .kind = K::Real, .keys = {kA, kB, kQ}, .draw = draw_beta,
       .bayes_range = range_unit},
  };
}

bool has_key(const DistributionRow& row, std::string_view key) {
  return std::any_of(row.keys.begin(), row.keys.end(), [key](const NumericKey& k) { return k.name == key; });
}

// round(x / q) * q, without the 0.30000000000000004 tails that floating multiplication leaves.
double quantize(double x, double q) {
  const double snapped = std::round(x / q) * q;
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", snapped);
  return std::strtod(text, nullptr);
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

BayesRange bayes_range(const ParameterSpec& p) {
  const DistributionRow& row = row_of(p.distribution);
  return row.bayes_range != nullptr ? row.bayes_range(p) : range_as_written(p);
}

// The parameters bayesopt does not search: one possible value only.
bool is_fixed(const ParameterSpec& p) {
  switch (row_of(p.distribution).kind) {
    case ValueKind::Constant: return true;
    case ValueKind::Categorical: return p.values.size() == 1;
    default: {
      const BayesRange range = bayes_range(p);
      return range.low == range.high;
    }
  }
}

json fixed_value(const ParameterSpec& p) {
  const ValueKind kind = row_of(p.distribution).kind;
  if (kind == ValueKind::Constant || kind == ValueKind::Categorical) return p.values.front();
  return number_value(p, bayes_range(p).low);
}

}  // namespace

std::span<const DistributionRow> distribution_table() {
  static const std::vector<DistributionRow> table = make_table();
  return table;
}

const DistributionRow& row_of(Distribution distribution) {
  for (const DistributionRow& row : distribution_table()) {
    if (row.distribution == distribution) return row;
  }
  throw std::logic_error("distribution " + std::to_string(static_cast<int>(distribution)) + " has no table row");
}

std::vector<std::string_view> distribution_names() {
  std::vector<std::string_view> names;
  for (const DistributionRow& row : distribution_table()) names.push_back(row.name);
  return names;
}

std::vector<std::string_view> parameter_keys() {
  std::vector<std::string_view> keys = {"value"sv, "values"sv, "probabilities"sv, "distribution"sv};
  for (const DistributionRow& row : distribution_table()) {
    for (const NumericKey& key : row.keys) {
      if (std::find(keys.begin(), keys.end(), key.name) == keys.end()) keys.push_back(key.name);
    }
  }
  keys.push_back("parameters"sv);
  return keys;
}

std::vector<std::string_view> keys_taken(const DistributionRow& row) {
  std::vector<std::string_view> keys;
  if (row.kind == ValueKind::Constant) keys = {"value"sv};
  if (row.kind == ValueKind::Categorical) keys = {"values"sv, "probabilities"sv};
  for (const NumericKey& key : row.keys) keys.push_back(key.name);
  return keys;
}

bool log_scaled(const ParameterSpec& p) {
  return row_of(p.distribution).kind == ValueKind::Real && bayes_range(p).log;
}

std::optional<std::uint64_t> choice_count(const ParameterSpec& p) {
  const DistributionRow& row = row_of(p.distribution);
  switch (row.kind) {
    case ValueKind::Constant:
      return 1;
    case ValueKind::Categorical:
      return p.values.size();
    case ValueKind::Integer:
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(p.max) - static_cast<std::int64_t>(p.min)) + 1;
    case ValueKind::Real: {
      if (!row.grid_by_q) return std::nullopt;
      const double steps = std::round(p.max / p.q) - std::round(p.min / p.q);
      if (!(steps < kLargestExactInteger)) return std::nullopt;
      return static_cast<std::uint64_t>(steps) + 1;
    }
  }
  return std::nullopt;
}

json choice(const ParameterSpec& p, std::uint64_t index) {
  switch (row_of(p.distribution).kind) {
    case ValueKind::Constant:
      return p.values.front();
    case ValueKind::Categorical:
      return p.values.at(index);
    case ValueKind::Integer:
      return static_cast<std::int64_t>(p.min) + static_cast<std::int64_t>(index);
    case ValueKind::Real:
      return number_value(p, (std::round(p.min / p.q) + static_cast<double>(index)) * p.q);
  }
  return nullptr;
}

json sample_value(const ParameterSpec& p, std::mt19937_64& rng) {
  const DistributionRow& row = row_of(p.distribution);
  switch (row.kind) {
    case ValueKind::Constant:
      return p.values.front();
    case ValueKind::Categorical: {
      if (p.probabilities.empty()) {
        return p.values[std::uniform_int_distribution<std::size_t>(0, p.values.size() - 1)(rng)];
      }
      std::discrete_distribution<std::size_t> pick(p.probabilities.begin(), p.probabilities.end());
      return p.values[pick(rng)];
    }
    case ValueKind::Integer:
      return std::uniform_int_distribution<std::int64_t>(static_cast<std::int64_t>(p.min),
                                                         static_cast<std::int64_t>(p.max))(rng);
    case ValueKind::Real:
      return number_value(p, row.draw(p, rng));
  }
  return nullptr;
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

bayesopt::Parameter bayes_parameter(const ParameterSpec& p) {
  const std::string name = p.name();
  if (is_fixed(p)) return bayesopt::Parameter::fixed(name, json_to_bayes(fixed_value(p)));
  switch (row_of(p.distribution).kind) {
    case ValueKind::Categorical:
      return bayesopt::Parameter::categorical(name, labels_of(p));
    case ValueKind::Integer:
      return bayesopt::Parameter::integer(name, static_cast<std::int64_t>(p.min), static_cast<std::int64_t>(p.max));
    default: {
      const BayesRange range = bayes_range(p);
      return bayesopt::Parameter::continuous(name, range.low, range.high, range.log,
                                             is_quantized(p.distribution) ? p.q : 0.0);
    }
  }
}

json from_bayes_value(const ParameterSpec& p, const bayesopt::Value* value) {
  if (is_fixed(p)) return fixed_value(p);
  if (value == nullptr) throw std::invalid_argument("parameter " + p.name() + " is missing from the assignment");
  if (row_of(p.distribution).kind == ValueKind::Categorical) {
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
  const ValueKind kind = row_of(p.distribution).kind;
  if (kind == ValueKind::Categorical) {
    const auto it = std::find(p.values.begin(), p.values.end(), *value);
    if (it == p.values.end()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not one of its values");
    return labels_of(p)[static_cast<std::size_t>(it - p.values.begin())];
  }
  if (!value->is_number()) throw std::invalid_argument("parameter " + name + ": " + value->dump() + " is not a number");
  const BayesRange range = bayes_range(p);
  const double x = std::clamp(value->get<double>(), range.low, range.high);
  if (kind == ValueKind::Integer) return static_cast<std::int64_t>(std::llround(x));
  return x;
}

json parameter_json(const ParameterSpec& p) {
  const DistributionRow& row = row_of(p.distribution);
  json out = {{"name", p.name()}, {"distribution", row.name}};
  if (row.kind == ValueKind::Constant) out["value"] = p.values.front();
  if (row.kind == ValueKind::Categorical) {
    out["values"] = p.values;
    if (!p.probabilities.empty()) out["probabilities"] = p.probabilities;
    if (!p.repeated_values.empty()) out["merged_repeats"] = p.repeated_values;
  }
  for (const NumericKey& key : row.keys) {
    const double value = p.*key.field;
    if (row.kind == ValueKind::Integer) {
      out[std::string(key.name)] = static_cast<std::int64_t>(value);
    } else {
      out[std::string(key.name)] = value;
    }
  }
  out["integer"] = p.integer;
  if (const auto count = choice_count(p)) out["grid_choices"] = *count;
  return out;
}

std::string range_text(const ParameterSpec& p) {
  const DistributionRow& row = row_of(p.distribution);
  const json shown = parameter_json(p);
  if (row.kind == ValueKind::Constant) return shown["value"].dump();
  if (row.kind == ValueKind::Categorical) {
    std::string text = shown["values"].dump();
    if (shown.contains("probabilities")) text += " with probabilities " + shown["probabilities"].dump();
    if (shown.contains("merged_repeats")) text += " (listed more than once, kept once: " + shown["merged_repeats"].dump() + ")";
    return text;
  }
  std::string text;
  if (has_key(row, "min") && has_key(row, "max")) text = "[" + shown["min"].dump() + ", " + shown["max"].dump() + "]";
  for (const NumericKey& key : row.keys) {
    if (key.name == "min" || key.name == "max") continue;
    text += (text.empty() ? "" : ", ") + std::string(key.name) + " " + shown[std::string(key.name)].dump();
  }
  if (p.integer) text += ", integers";
  return text;
}

}  // namespace spec

std::string ParameterSpec::name() const {
  std::string joined;
  for (const std::string& part : path) joined += (joined.empty() ? "" : ".") + part;
  return joined;
}

std::string_view distribution_name(Distribution distribution) { return spec::row_of(distribution).name; }

std::optional<Distribution> parse_distribution(std::string_view name) {
  for (const spec::DistributionRow& row : spec::distribution_table()) {
    if (row.name == name || (!row.alias.empty() && row.alias == name)) return row.distribution;
  }
  return std::nullopt;
}

bool is_quantized(Distribution distribution) { return spec::has_key(spec::row_of(distribution), "q"); }

}  // namespace orchestrator
