// The distribution table: one row per W&B distribution holding everything about it (names, keys and
// defaults, checks, grid choices, draws, bayes encoding and its inverse, display). Adding one is a row.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bayesopt/search_space.h"

namespace orchestrator {

enum class Distribution {
  Constant, Categorical, IntUniform, Uniform, QUniform, LogUniform, LogUniformValues,
  QLogUniformValues, InvLogUniformValues, Normal, QNormal, LogNormal, QLogUniform,
  InvLogUniform, QLogNormal, Beta, QBeta,
};

struct ParameterSpec {
  // {"optimizer", "lr"} for a nested block; a dotted name ("model.hidden_dim") is one element.
  std::vector<std::string> path;
  Distribution distribution = Distribution::Constant;
  std::vector<nlohmann::json> values;   // Constant: one value; Categorical: the choices, each once
  std::vector<double> probabilities;    // Categorical: optional, same length as values
  std::vector<nlohmann::json> repeated_values;  // Categorical: values the spec listed more than once (kept once)
  double min = 0, max = 0;              // bounds as written (log_uniform: in log space)
  double mu = 0, sigma = 1;             // normal family
  double a = 1, b = 1;                  // beta family
  double q = 1;                         // q_* distributions
  bool integer = false;                 // int_uniform always; a q_* distribution when q is written as an integer

  std::string name() const;             // path joined with "."
};

// W&B's name of a distribution ("log_uniform_values").
std::string_view distribution_name(Distribution distribution);
// The distribution a name means: a table name, or an alias W&B accepts ("categorical_w_probabilities").
std::optional<Distribution> parse_distribution(std::string_view name);
// Whether the distribution rounds its values to multiples of q.
bool is_quantized(Distribution distribution);

namespace spec {

// What kind of values a distribution gives, which decides its grid, draws and bayes encoding.
enum class ValueKind {
  Constant,     // `value`
  Categorical,  // `values`, optional `probabilities`
  Integer,      // integers in [min, max]
  Real,         // numbers from a continuous law, optionally rounded to multiples of q
};

// A numeric key a distribution reads into ParameterSpec.
struct NumericKey {
  std::string_view name;
  double ParameterSpec::*field;
  std::optional<double> default_value;  // nullopt: the key is required
  bool positive = false;                // must be > 0
};

// A range bayesopt searches, in the parameter's own units.
struct BayesRange {
  double low = 0, high = 0;
  bool log = false;
};

// What a distribution-specific check found wrong: the key it is about (empty: the parameter itself)
// and the message.
struct KeyProblem {
  std::string key;
  std::string message;
};

struct DistributionRow {
  Distribution distribution = Distribution::Constant;
  std::string_view name = {};         // W&B's name
  std::string_view alias = {};        // another name W&B accepts for it, or empty
  std::string_view replaced_by = {};  // W&B deprecates it: the distribution to use instead (a warning), or empty
  ValueKind kind = ValueKind::Real;
  std::vector<NumericKey> keys = {};  // in the order messages list them; `q` makes the distribution quantized
  bool grid_by_q = false;        // Real: a grid enumerates the multiples of q between min and max
  // Real: one draw from the law, before rounding to q.
  double (*draw)(const ParameterSpec&, std::mt19937_64&) = nullptr;
  // Real: the range bayesopt searches (the normal family cut to mu ± 3 sigma).
  BayesRange (*bayes_range)(const ParameterSpec&) = nullptr;
  // Checks across keys beyond each key's own (min <= max is checked for every row with both).
  std::optional<KeyProblem> (*check)(const ParameterSpec&) = nullptr;
};

// Every row, in the order messages list them.
std::span<const DistributionRow> distribution_table();
const DistributionRow& row_of(Distribution distribution);
// The table's names (not aliases), for messages and suggestions.
std::vector<std::string_view> distribution_names();
// Every key a parameter mapping may hold: each row's keys, value(s), probabilities, distribution, parameters.
std::vector<std::string_view> parameter_keys();
// The keys a distribution takes, for "takes ..." messages.
std::vector<std::string_view> keys_taken(const DistributionRow& row);
// Whether values spread over orders of magnitude (a log axis in charts, a log scale for bayes).
bool log_scaled(const ParameterSpec& parameter);

// How many values a parameter takes in a grid (value: 1, values: n, int_uniform: max - min + 1,
// q_uniform: the multiples of q between min and max); nullopt for a continuous distribution.
std::optional<std::uint64_t> choice_count(const ParameterSpec& parameter);
// The product of the parameters' choice counts; nullopt if one is continuous or it overflows 64 bits.
std::optional<std::uint64_t> grid_size(const std::vector<ParameterSpec>& parameters);
// The index-th grid choice, 0 <= index < *choice_count(parameter).
nlohmann::json choice(const ParameterSpec& parameter, std::uint64_t index);
// A draw from the parameter's distribution (W&B semantics, probabilities honoured).
nlohmann::json sample_value(const ParameterSpec& parameter, std::mt19937_64& rng);
// A number in the parameter's own units as the parameter would produce it: rounded to a multiple
// of q for q_* distributions, an integer for integer parameters, a float otherwise.
nlohmann::json number_value(const ParameterSpec& parameter, double x);

// The parameter as bayesopt searches it, named by its dotted name. Real distributions become their
// row's bounded range; categorical values become string labels; a parameter with one possible value
// is fixed. Throws std::invalid_argument for a range bayesopt cannot search.
bayesopt::Parameter bayes_parameter(const ParameterSpec& parameter);
// bayesopt's value for the parameter (nullptr if absent) -> the configuration value (a label back to
// its JSON value, numbers clamped into the bayes bounds and snapped). Throws std::invalid_argument on a
// bad value, or a missing one for a parameter that is not fixed.
nlohmann::json from_bayes_value(const ParameterSpec& parameter, const bayesopt::Value* value);
// A configuration's value (or nullptr if absent) -> bayesopt's form, clamped into the bayes bounds.
// Throws std::invalid_argument if it is missing, not a number, or not one of the categorical values.
bayesopt::Value to_bayes_value(const ParameterSpec& parameter, const nlohmann::json* value);

// The parameter as `validate --json` shows it: name, distribution, its keys, integer, grid_choices.
nlohmann::json parameter_json(const ParameterSpec& parameter);
// Its range in a few words: [1, 5], mu 0.0, sigma 1.0, [a, b] with probabilities [...], ", q 8, integers".
std::string range_text(const ParameterSpec& parameter);

}  // namespace spec
}  // namespace orchestrator
