#include "orchestrator/spec/parameter_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numeric>
#include <string_view>

namespace orchestrator::spec {
namespace {

using nlohmann::json;
using namespace std::string_view_literals;

constexpr std::array kParameterKeys = {"value"sv, "values"sv, "probabilities"sv, "distribution"sv, "min"sv,
                                       "max"sv,   "mu"sv,     "sigma"sv,         "q"sv,            "parameters"sv};

// Which keys each distribution reads; the rest of kParameterKeys are refused for it.
struct DistributionKeys {
  Distribution distribution;
  std::array<std::string_view, 3> keys;  // empty views pad the list
};

constexpr std::array kDistributionKeys = {
    DistributionKeys{Distribution::Constant, {"value"sv}},
    DistributionKeys{Distribution::Categorical, {"values"sv, "probabilities"sv}},
    DistributionKeys{Distribution::IntUniform, {"min"sv, "max"sv}},
    DistributionKeys{Distribution::Uniform, {"min"sv, "max"sv}},
    DistributionKeys{Distribution::QUniform, {"min"sv, "max"sv, "q"sv}},
    DistributionKeys{Distribution::LogUniform, {"min"sv, "max"sv}},
    DistributionKeys{Distribution::LogUniformValues, {"min"sv, "max"sv}},
    DistributionKeys{Distribution::QLogUniformValues, {"min"sv, "max"sv, "q"sv}},
    DistributionKeys{Distribution::InvLogUniformValues, {"min"sv, "max"sv}},
    DistributionKeys{Distribution::Normal, {"mu"sv, "sigma"sv}},
    DistributionKeys{Distribution::QNormal, {"mu"sv, "sigma"sv, "q"sv}},
    DistributionKeys{Distribution::LogNormal, {"mu"sv, "sigma"sv}},
    DistributionKeys{Distribution::QLogUniform, {"min"sv, "max"sv, "q"sv}},
};

const DistributionKeys& keys_of(Distribution distribution) {
  for (const DistributionKeys& entry : kDistributionKeys) {
    if (entry.distribution == distribution) return entry;
  }
  return kDistributionKeys.front();
}

std::vector<std::string_view> distribution_names() {
  std::vector<std::string_view> names;
  for (const DistributionKeys& entry : kDistributionKeys) names.push_back(distribution_name(entry.distribution));
  return names;
}

bool valid_parameter_name(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (const char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  }
  return true;
}

bool has_bounds(Distribution d) {
  return keys_of(d).keys[0] == "min";
}
bool is_normal_family(Distribution d) {
  return d == Distribution::Normal || d == Distribution::QNormal || d == Distribution::LogNormal;
}
bool needs_positive_bounds(Distribution d) {
  return d == Distribution::LogUniformValues || d == Distribution::QLogUniformValues ||
         d == Distribution::InvLogUniformValues;
}

class OneParameter {
 public:
  OneParameter(const SpecReader& reader, const json& node, std::string path, std::vector<std::string> name)
      : reader_(reader), node_(node), path_(std::move(path)) {
    spec_.path = std::move(name);
  }

  ParameterSpec parse() {
    spec_.distribution = choose_distribution();
    check_keys_used_by(spec_.distribution);
    if (spec_.distribution == Distribution::Constant) spec_.values = {node_.at("value")};
    if (spec_.distribution == Distribution::Categorical) read_values();
    if (has_bounds(spec_.distribution)) read_bounds();
    if (is_normal_family(spec_.distribution)) read_normal();
    if (is_quantized(spec_.distribution)) read_q();
    spec_.integer = spec_.integer || spec_.distribution == Distribution::IntUniform;
    return spec_;
  }

 private:
  std::string field(std::string_view key) const { return path_ + "." + std::string(key); }

  Distribution choose_distribution() const {
    if (const auto it = node_.find("distribution"); it != node_.end()) {
      const std::string name = reader_.string(*it, field("distribution"));
      if (const auto distribution = parse_distribution(name)) return *distribution;
      const auto names = distribution_names();
      const std::string suggestion = closest_word(name, names);
      reader_.fail(field("distribution"), "unknown distribution \"" + name + "\"" +
                                               (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)") +
                                               "; allowed: " + list_words(names));
    }
    if (node_.contains("value")) return Distribution::Constant;
    if (node_.contains("values")) return Distribution::Categorical;
    if (node_.contains("min") || node_.contains("max")) {
      const bool integers = node_.value("min", json()).is_number_integer() && node_.value("max", json()).is_number_integer();
      return integers ? Distribution::IntUniform : Distribution::Uniform;  // W&B: int when both bounds are ints
    }
    reader_.fail(path_, "says nothing to sample; give value, values, min and max, a distribution, "
                        "or a nested parameters block");
  }

  void check_keys_used_by(Distribution distribution) const {
    const DistributionKeys& allowed = keys_of(distribution);
    for (const auto& [key, value] : node_.items()) {
      if (key == "distribution" || std::find(allowed.keys.begin(), allowed.keys.end(), key) != allowed.keys.end()) {
        continue;
      }
      std::string takes;
      for (const std::string_view k : allowed.keys) {
        if (!k.empty()) takes += (takes.empty() ? "" : ", ") + std::string(k);
      }
      reader_.fail(field(key), "is not used by distribution " + std::string(distribution_name(distribution)) +
                                   ", which takes " + takes);
    }
  }

  void read_values() {
    const json& values = node_.at("values");
    if (!values.is_array()) reader_.fail(field("values"), "is " + describe(values) + "; a list of values is required");
    if (values.empty()) reader_.fail(field("values"), "is empty; at least one value is required");
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string item_path = field("values") + "[" + std::to_string(i) + "]";
      if (values[i].is_number_float() && !std::isfinite(values[i].get<double>())) {
        reader_.fail(item_path, "is not finite; values must be finite numbers, strings, booleans, lists or mappings");
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (values[j] == values[i]) {
          reader_.fail(item_path, "repeats values[" + std::to_string(j) + "]; each value may appear once "
                                  "(use probabilities to weight values)");
        }
      }
      spec_.values.push_back(values[i]);
    }
    if (node_.contains("probabilities")) read_probabilities();
  }

  void read_probabilities() {
    const json& probabilities = node_.at("probabilities");
    const std::string path = field("probabilities");
    if (!probabilities.is_array() || probabilities.size() != spec_.values.size()) {
      reader_.fail(path, "must be a list of " + std::to_string(spec_.values.size()) +
                             " numbers, one per value in values");
    }
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
      const double p = reader_.number(probabilities[i], path + "[" + std::to_string(i) + "]");
      if (p < 0) reader_.fail(path + "[" + std::to_string(i) + "]", "is negative; probabilities are >= 0");
      spec_.probabilities.push_back(p);
    }
    const double sum = std::accumulate(spec_.probabilities.begin(), spec_.probabilities.end(), 0.0);
    if (std::abs(sum - 1.0) > 1e-6) {
      reader_.fail(path, "sum to " + std::to_string(sum) + "; probabilities must sum to 1");
    }
  }

  void read_bounds() {
    const std::string name(distribution_name(spec_.distribution));
    for (const char* key : {"min", "max"}) {
      if (!node_.contains(key)) reader_.fail(field(key), std::string("is missing; distribution ") + name + " needs min and max");
    }
    const json& min = node_.at("min");
    const json& max = node_.at("max");
    if (spec_.distribution == Distribution::IntUniform) {
      const auto low = reader_.integer(min, field("min"));
      const auto high = reader_.integer(max, field("max"));
      constexpr std::int64_t kLimit = std::int64_t{1} << 53;  // exact in a double
      for (const auto& [key, bound] : {std::pair{"min", low}, std::pair{"max", high}}) {
        if (bound < -kLimit || bound > kLimit) reader_.fail(field(key), "is beyond ±2^53; int_uniform bounds must be smaller");
      }
    }
    spec_.min = reader_.number(min, field("min"));
    spec_.max = reader_.number(max, field("max"));
    if (spec_.min > spec_.max) {
      reader_.fail(field("min"), "is greater than max (" + describe_number(spec_.min) + " > " +
                                     describe_number(spec_.max) + "); min <= max is required");
    }
    if (needs_positive_bounds(spec_.distribution) && spec_.min <= 0) {
      reader_.fail(field("min"), "is " + describe_number(spec_.min) + "; distribution " + name +
                                     " takes bounds as values, which must be > 0 (use log_uniform for bounds in log space)");
    }
    if ((spec_.distribution == Distribution::LogUniform || spec_.distribution == Distribution::QLogUniform) &&
        (spec_.max > 700 || spec_.min < -700)) {
      reader_.fail(field(spec_.max > 700 ? "max" : "min"),
                   "is outside [-700, 700]; log_uniform bounds are natural logarithms (use log_uniform_values "
                   "for bounds as values)");
    }
  }

  void read_normal() {
    if (node_.contains("mu")) spec_.mu = reader_.number(node_.at("mu"), field("mu"));
    if (node_.contains("sigma")) spec_.sigma = reader_.number(node_.at("sigma"), field("sigma"));
    if (spec_.sigma <= 0) reader_.fail(field("sigma"), "is " + describe_number(spec_.sigma) + "; sigma must be > 0");
    if (spec_.distribution == Distribution::LogNormal && std::abs(spec_.mu) + 3 * spec_.sigma > 700) {
      reader_.fail(path_, "mu ± 3 sigma leaves [-700, 700]; log_normal's mu and sigma are in log space");
    }
  }

  void read_q() {
    if (!node_.contains("q")) return;  // W&B's default q is 1.0, a float
    const json& q = node_.at("q");
    spec_.q = reader_.number(q, field("q"));
    if (spec_.q <= 0) reader_.fail(field("q"), "is " + describe_number(spec_.q) + "; q must be > 0");
    spec_.integer = q.is_number_integer();  // W&B: a q_* value is an int when q is an int
  }

  static std::string describe_number(double value) { return json(value).dump(); }

  const SpecReader& reader_;
  const json& node_;
  const std::string path_;
  ParameterSpec spec_;
};

void parse_block(const SpecReader& reader, const json& block, const std::string& path,
                 const std::vector<std::string>& prefix, int depth, std::vector<ParameterSpec>& out) {
  reader.object(block, path);
  if (block.empty()) reader.fail(path, "is empty; at least one parameter is required");
  if (depth > 8) reader.fail(path, "nests parameters blocks more than 8 deep");
  for (const auto& [name, node] : block.items()) {
    const std::string field = join_path(path, name);
    if (!valid_parameter_name(name)) {
      reader.fail(field, "is not a valid parameter name; names start with a letter or _ and contain letters, "
                         "digits, _ and -");
    }
    reader.object(node, field);
    reader.check_keys(node, field, kParameterKeys);
    std::vector<std::string> name_path = prefix;
    name_path.push_back(name);
    if (node.contains("parameters")) {
      if (node.size() != 1) {
        reader.fail(field, "has a nested parameters block beside other keys; a nested block holds only parameters");
      }
      parse_block(reader, node.at("parameters"), field + ".parameters", name_path, depth + 1, out);
      continue;
    }
    out.push_back(OneParameter(reader, node, field, std::move(name_path)).parse());
  }
}

}  // namespace

std::vector<ParameterSpec> parse_parameters(const SpecReader& reader, const json& block, const std::string& path) {
  std::vector<ParameterSpec> parameters;
  parse_block(reader, block, path, {}, 0, parameters);
  return parameters;
}

}  // namespace orchestrator::spec
