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

// W&B's schema: ^[A-Za-z_][A-Za-z0-9_.-]*$. A dotted name (model.hidden_dim, as Lightning CLI and
// Hydra write them) is one flat name, not a nested block.
bool valid_parameter_name(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (const char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

class OneParameter {
 public:
  OneParameter(const SpecReader& reader, const json& node, std::string path, std::vector<std::string> name)
      : reader_(reader), node_(node), path_(std::move(path)) {
    spec_.path = std::move(name);
  }

  ParameterSpec parse() {
    spec_.distribution = choose_distribution();
    const DistributionRow& row = row_of(spec_.distribution);
    check_keys_used_by(row);
    if (row.kind == ValueKind::Constant) spec_.values = {node_.at("value")};
    if (row.kind == ValueKind::Categorical) read_values();
    for (const NumericKey& key : row.keys) read_key(row, key);
    check_bounds_order(row);
    if (row.check != nullptr) {
      if (const auto problem = row.check(spec_)) reader_.fail(problem->key.empty() ? path_ : field(problem->key), problem->message);
    }
    spec_.integer = spec_.integer || row.kind == ValueKind::Integer;
    return spec_;
  }

 private:
  std::string field(std::string_view key) const { return path_ + "." + std::string(key); }

  Distribution choose_distribution() const {
    if (const auto it = node_.find("distribution"); it != node_.end()) {
      const std::string name = reader_.string(*it, field("distribution"));
      if (const auto distribution = parse_distribution(name)) {
        if (const std::string_view instead = row_of(*distribution).replaced_by; !instead.empty()) {
          reader_.warn(field("distribution"), name + " is deprecated by W&B; it works as in W&B, but " +
                                                  std::string(instead) + " says the same with bounds as values");
        }
        return *distribution;
      }
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

  void check_keys_used_by(const DistributionRow& row) const {
    const std::vector<std::string_view> taken = keys_taken(row);
    for (const auto& [key, value] : node_.items()) {
      if (key == "distribution" || std::find(taken.begin(), taken.end(), key) != taken.end()) continue;
      std::string takes;
      for (const std::string_view k : taken) takes += (takes.empty() ? "" : ", ") + std::string(k);
      reader_.fail(field(key), "is not used by distribution " + std::string(row.name) + ", which takes " + takes);
    }
  }

  // W&B accepts a value listed twice; the space keeps one copy (with the probabilities of its copies
  // added up), so a grid does not run it twice, and says so in a warning.
  void read_values() {
    const json& values = node_.at("values");
    if (!values.is_array()) reader_.fail(field("values"), "is " + describe(values) + "; a list of values is required");
    if (values.empty()) reader_.fail(field("values"), "is empty; at least one value is required");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].is_number_float() && !std::isfinite(values[i].get<double>())) {
        reader_.fail(field("values") + "[" + std::to_string(i) + "]",
                     "is not finite; values must be finite numbers, strings, booleans, lists or mappings");
      }
    }
    const std::vector<double> probabilities = node_.contains("probabilities") ? read_probabilities(values.size())
                                                                               : std::vector<double>();
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto first = std::find(spec_.values.begin(), spec_.values.end(), values[i]);
      const auto kept = static_cast<std::size_t>(first - spec_.values.begin());
      if (first == spec_.values.end()) {
        spec_.values.push_back(values[i]);
        if (!probabilities.empty()) spec_.probabilities.push_back(probabilities[i]);
        continue;
      }
      if (!probabilities.empty()) spec_.probabilities[kept] += probabilities[i];
      if (std::find(spec_.repeated_values.begin(), spec_.repeated_values.end(), values[i]) == spec_.repeated_values.end()) {
        spec_.repeated_values.push_back(values[i]);
      }
      reader_.warn(field("values") + "[" + std::to_string(i) + "]",
                   "repeats " + values[i].dump() + "; merged into one value" +
                       (probabilities.empty() ? " (use probabilities to weight values)"
                                              : ", with the probabilities of both copies added"));
    }
  }

  std::vector<double> read_probabilities(std::size_t count) const {
    const json& probabilities = node_.at("probabilities");
    const std::string path = field("probabilities");
    if (!probabilities.is_array() || probabilities.size() != count) {
      reader_.fail(path, "must be a list of " + std::to_string(count) + " numbers, one per value in values");
    }
    std::vector<double> read;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
      const double p = reader_.number(probabilities[i], path + "[" + std::to_string(i) + "]");
      if (p < 0) reader_.fail(path + "[" + std::to_string(i) + "]", "is negative; probabilities are >= 0");
      read.push_back(p);
    }
    const double sum = std::accumulate(read.begin(), read.end(), 0.0);
    if (std::abs(sum - 1.0) > 1e-6) {
      reader_.fail(path, "sum to " + std::to_string(sum) + "; probabilities must sum to 1");
    }
    return read;
  }

  // A numeric key: written (a finite number; an integer for integer kinds), or its default, or refused
  // as missing. A q written as an integer makes the values integers, as in W&B.
  void read_key(const DistributionRow& row, const NumericKey& key) {
    const auto it = node_.find(key.name);
    if (it == node_.end()) {
      if (!key.default_value) {
        std::vector<std::string_view> required;
        for (const NumericKey& k : row.keys) {
          if (!k.default_value) required.push_back(k.name);
        }
        reader_.fail(field(key.name), "is missing; distribution " + std::string(row.name) + " needs " +
                                          join_with_and(required));
      }
      spec_.*key.field = *key.default_value;
      return;
    }
    if (row.kind == ValueKind::Integer) static_cast<void>(reader_.integer(*it, field(key.name)));
    const double value = reader_.number(*it, field(key.name));
    if (key.positive && value <= 0) {
      reader_.fail(field(key.name), "is " + describe_number(value) + "; " + std::string(key.name) +
                                        " must be > 0 for distribution " + std::string(row.name));
    }
    spec_.*key.field = value;
    if (key.name == "q") spec_.integer = it->is_number_integer();
  }

  void check_bounds_order(const DistributionRow& row) const {
    const auto has = [&row](std::string_view name) {
      return std::any_of(row.keys.begin(), row.keys.end(), [name](const NumericKey& k) { return k.name == name; });
    };
    if (!has("min") || !has("max") || spec_.min <= spec_.max) return;
    reader_.fail(field("min"), "is greater than max (" + describe_number(spec_.min) + " > " +
                                   describe_number(spec_.max) + "); min <= max is required");
  }

  static std::string join_with_and(const std::vector<std::string_view>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
      text += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + std::string(words[i]);
    }
    return text;
  }

  static std::string describe_number(double value) { return json(value).dump(); }

  const SpecReader& reader_;
  const json& node_;
  const std::string path_;
  ParameterSpec spec_;
};

// A parameter as parsed, with the field it was written at (for messages).
struct ParsedParameter {
  ParameterSpec spec;
  std::string field;
};

void parse_block(const SpecReader& reader, const json& block, const std::string& path,
                 const std::vector<std::string>& prefix, int depth, std::vector<ParsedParameter>& out) {
  reader.object(block, path);
  if (block.empty()) reader.fail(path, "is empty; at least one parameter is required");
  if (depth > 8) reader.fail(path, "nests parameters blocks more than 8 deep");
  for (const auto& [name, node] : block.items()) {
    const std::string field = join_path(path, name);
    if (!valid_parameter_name(name)) {
      reader.fail(field, "is not a valid parameter name; names start with a letter or _ and contain letters, "
                         "digits, _, . and -");
    }
    reader.object(node, field);
    reader.check_keys(node, field, parameter_keys());
    std::vector<std::string> name_path = prefix;
    name_path.push_back(name);
    if (node.contains("parameters")) {
      if (node.size() != 1) {
        reader.fail(field, "has a nested parameters block beside other keys; a nested block holds only parameters");
      }
      parse_block(reader, node.at("parameters"), field + ".parameters", name_path, depth + 1, out);
      continue;
    }
    out.push_back({OneParameter(reader, node, field, std::move(name_path)).parse(), field});
  }
}

// A dotted flat name and a nested block can name the same parameter (model.hidden_dim written both
// ways): the store, the reports and bayes know a parameter by its dotted name, so that is refused.
void refuse_same_names(const SpecReader& reader, const std::vector<ParsedParameter>& parameters) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (parameters[i].spec.name() != parameters[j].spec.name()) continue;
      reader.fail(parameters[i].field, "names the parameter " + parameters[i].spec.name() + ", as " +
                                           parameters[j].field + " does; a dotted name and a nested parameters "
                                           "block are two ways to write one name: keep one of them");
    }
  }
}

}  // namespace

std::vector<ParameterSpec> parse_parameters(const SpecReader& reader, const json& block, const std::string& path) {
  std::vector<ParsedParameter> parsed;
  parse_block(reader, block, path, {}, 0, parsed);
  refuse_same_names(reader, parsed);
  std::vector<ParameterSpec> parameters;
  for (ParsedParameter& parameter : parsed) parameters.push_back(std::move(parameter.spec));
  return parameters;
}

}  // namespace orchestrator::spec
