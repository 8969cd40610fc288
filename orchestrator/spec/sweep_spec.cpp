#include "orchestrator/spec/sweep_spec.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bayesopt/acquisition.h"
#include "orchestrator/spec/command_line.h"
#include "orchestrator/spec/distribution.h"
#include "orchestrator/spec/duration.h"
#include "orchestrator/spec/parameter_parser.h"
#include "orchestrator/spec/sha256.h"
#include "orchestrator/spec/spec_reader.h"
#include "orchestrator/spec/wandb_keys.h"
#include "orchestrator/spec/yaml_to_json.h"

namespace orchestrator {
namespace {

using nlohmann::json;
using spec::SpecReader;
using namespace std::string_view_literals;

constexpr std::array kOwnTopKeys = {"program"sv, "command"sv,     "method"sv,          "metric"sv,  "run_cap"sv,
                                    "name"sv,    "description"sv, "early_terminate"sv, "parameters"sv,
                                    "workers"sv, "threads_per_trial"sv, "timeout"sv,  "retries"sv, "seed"sv,
                                    "launcher"sv, "slurm"sv, "wandb_standin"sv, "bayes"sv};
constexpr std::array kMetricKeys = {"name"sv, "goal"sv, "target"sv, "impute"sv, "impute_while_running"sv};
constexpr std::array kBayesKeys = {"acquisition"sv, "ucb_beta"sv, "fidelity"sv};
constexpr std::array kFidelities = {"single"sv, "multi"sv};
constexpr std::array kEarlyTerminateKeys = {"type"sv, "min_iter"sv, "max_iter"sv, "s"sv, "eta"sv, "strict"sv};
constexpr std::array kMethods = {"grid"sv, "random"sv, "bayes"sv};
constexpr std::array kGoals = {"maximize"sv, "minimize"sv};

template <std::size_t N>
std::string one_of(const SpecReader& reader, const json& value, const std::string& path,
                   const std::array<std::string_view, N>& allowed) {
  const std::string word = reader.string(value, path);
  if (std::find(allowed.begin(), allowed.end(), word) != allowed.end()) return word;
  reader.fail(path, "is \"" + word + "\"; allowed: " + spec::list_words(allowed));
}

const json* find(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

int bounded_int(const SpecReader& reader, const json& value, const std::string& path, int low, int high) {
  return static_cast<int>(reader.integer_in(value, path, low, high));
}

std::string default_name(const std::string& source) {
  const std::string stem = std::filesystem::path(source).stem().string();
  return stem.empty() ? "sweep" : stem;
}

void read_command(const SpecReader& reader, const json& root, SweepSpec& spec) {
  if (const json* program = find(root, "program")) spec.program = reader.string(*program, "program");
  spec.command = {"${env}", "${interpreter}", "${program}", "${args}"};
  if (const json* command = find(root, "command")) {
    if (!command->is_array() || command->empty()) {
      reader.fail("command", "is " + spec::describe(*command) + "; a non-empty list of arguments and macros is required");
    }
    spec.command.clear();
    for (std::size_t i = 0; i < command->size(); ++i) {
      const json& item = (*command)[i];
      const std::string path = "command[" + std::to_string(i) + "]";
      if (item.is_object() || item.is_array() || item.is_null()) {
        reader.fail(path, "is " + spec::describe(item) + "; each element is one argument (a string) or a macro");
      }
      std::string element = item.is_string() ? item.get<std::string>() : item.dump();
      if (element.find("${") != std::string::npos && !is_command_macro(element)) {
        std::vector<std::string_view> macros(command_macros().begin(), command_macros().end());
        reader.fail(path, "\"" + element + "\" is not a macro sweep knows, or a macro is not a whole element; "
                          "allowed macros: " + spec::list_words(macros));
      }
      spec.command.push_back(std::move(element));
    }
  }
}

void read_metric(const SpecReader& reader, const json& root, SweepSpec& spec) {
  const json* node = find(root, "metric");
  if (node == nullptr) return;
  reader.object(*node, "metric");
  reader.check_keys(*node, "metric", kMetricKeys);
  Metric metric;
  const json* name = find(*node, "name");
  if (name == nullptr) reader.fail("metric.name", "is missing; the metric's name (e.g. val_acc) is required");
  metric.name = reader.string(*name, "metric.name");
  metric.maximize = false;  // W&B's default goal is minimize
  if (const json* goal = find(*node, "goal")) metric.maximize = one_of(reader, *goal, "metric.goal", kGoals) == "maximize";
  if (const json* target = find(*node, "target")) metric.target = reader.number(*target, "metric.target");
  // W&B's bayes imputes a value for failed runs; sweep's optimiser avoids their region instead, so these
  // are checked and not used.
  if (const json* impute = find(*node, "impute")) {
    one_of(reader, *impute, "metric.impute", std::array{"latest"sv, "best"sv, "worst"sv});
  }
  if (const json* running = find(*node, "impute_while_running"); running != nullptr && *running != false) {
    one_of(reader, *running, "metric.impute_while_running", std::array{"latest"sv, "best"sv, "worst"sv, "false"sv});
  }
  spec.metric = metric;
}

void read_early_terminate(const SpecReader& reader, const json& root, SweepSpec& spec) {
  const json* node = find(root, "early_terminate");
  if (node == nullptr) return;
  const std::string path = "early_terminate";
  reader.object(*node, path);
  reader.check_keys(*node, path, kEarlyTerminateKeys);
  EarlyTerminate stop;
  const json* type = find(*node, "type");
  if (type == nullptr) reader.fail(path + ".type", "is missing; allowed: hyperband");
  stop.type = one_of(reader, *type, path + ".type", std::array{"hyperband"sv});
  constexpr int kMaxIter = 1'000'000;
  if (const json* v = find(*node, "min_iter")) stop.min_iter = bounded_int(reader, *v, path + ".min_iter", 1, kMaxIter);
  if (const json* v = find(*node, "max_iter")) stop.max_iter = bounded_int(reader, *v, path + ".max_iter", 1, kMaxIter);
  if (const json* v = find(*node, "s")) stop.s = bounded_int(reader, *v, path + ".s", 1, 100);
  if (const json* v = find(*node, "eta")) stop.eta = reader.number(*v, path + ".eta");
  if (const json* v = find(*node, "strict")) stop.strict = reader.boolean(*v, path + ".strict");
  if (stop.eta <= 1) reader.fail(path + ".eta", "must be > 1 (each bracket keeps the top 1/eta of the trials)");
  if (!stop.min_iter && !stop.max_iter) {
    reader.fail(path, "needs min_iter (first bracket) or max_iter with s (last bracket and number of brackets)");
  }
  if (stop.min_iter && stop.max_iter) reader.fail(path + ".max_iter", "given with min_iter; give one of min_iter or max_iter");
  if (stop.max_iter && stop.s == 0) reader.fail(path + ".s", "is missing; max_iter needs s, the number of brackets");
  if (stop.max_iter && *stop.max_iter / stop.eta < 1) {
    reader.fail(path + ".max_iter", "divided by eta is below 1, so there is no bracket; raise max_iter or lower eta");
  }
  spec.early_terminate = stop;
}

void read_own_keys(const SpecReader& reader, const json& root, SweepSpec& spec) {
  if (const json* v = find(root, "run_cap")) spec.run_cap = bounded_int(reader, *v, "run_cap", 1, INT32_MAX);
  if (const json* v = find(root, "workers")) spec.workers = bounded_int(reader, *v, "workers", 1, 4096);
  if (const json* v = find(root, "threads_per_trial")) spec.threads_per_trial = bounded_int(reader, *v, "threads_per_trial", 1, 4096);
  if (const json* v = find(root, "retries")) spec.retries = bounded_int(reader, *v, "retries", 0, 100);
  if (const json* v = find(root, "seed")) spec.seed = static_cast<std::uint64_t>(reader.integer_in(*v, "seed", 0));
  if (const json* v = find(root, "timeout")) {
    std::optional<double> seconds;
    if (v->is_number()) seconds = reader.number(*v, "timeout");
    if (v->is_string()) seconds = spec::parse_duration_seconds(v->get<std::string>());
    if (!seconds || *seconds <= 0) {
      reader.fail("timeout", "is " + spec::describe(*v) + "; a positive duration is required: seconds (600) or "
                             "a string like \"90s\", \"10m\", \"1h\" or \"1h30m\"");
    }
    spec.timeout_seconds = seconds;
  }
  if (const json* v = find(root, "launcher")) spec.launcher = reader.string(*v, "launcher");  // launch/launcher_registry checks the name
  if (const json* v = find(root, "slurm")) spec.slurm = reader.object(*v, "slurm");
  if (const json* v = find(root, "wandb_standin")) spec.wandb_standin = reader.boolean(*v, "wandb_standin");
}

// The forms a grid can enumerate, from the distribution table: "value, values, int_uniform or q_uniform".
std::string grid_forms() {
  std::vector<std::string_view> forms;
  for (const spec::DistributionRow& row : spec::distribution_table()) {
    if (row.kind == spec::ValueKind::Constant) forms.push_back("value");
    if (row.kind == spec::ValueKind::Categorical) forms.push_back("values");
    if (row.kind == spec::ValueKind::Integer || row.grid_by_q) forms.push_back(row.name);
  }
  return spec::list_words(forms);
}

void read_bayes(const SpecReader& reader, const json& root, SweepSpec& spec) {
  const json* node = find(root, "bayes");
  if (node == nullptr) return;
  reader.object(*node, "bayes");
  reader.check_keys(*node, "bayes", kBayesKeys);
  if (const json* v = find(*node, "acquisition")) spec.bayes.acquisition = reader.string(*v, "bayes.acquisition");
  if (const json* v = find(*node, "ucb_beta")) spec.bayes.ucb_beta = reader.number(*v, "bayes.ucb_beta");
  try {
    static_cast<void>(bayesopt::make_acquisition(spec.bayes.acquisition, spec.bayes.ucb_beta));
  } catch (const std::invalid_argument& e) {
    const bool about_beta = spec.bayes.ucb_beta && std::string_view(e.what()).find("beta") != std::string_view::npos;
    reader.fail(about_beta ? "bayes.ucb_beta" : "bayes.acquisition", e.what());
  }
  if (const json* v = find(*node, "fidelity")) spec.bayes.fidelity = one_of(reader, *v, "bayes.fidelity", kFidelities);
  if (spec.bayes.fidelity == "multi" && !spec.early_terminate) {
    reader.warn("bayes.fidelity", "is multi without early_terminate: no trial is stopped early, so every result is "
                                  "a full-length one and multi works as single");
  }
  if (spec.method != "bayes") reader.warn("bayes", "method is " + spec.method + ", so the bayes block is not used");
}

// Probabilities weight random draws only: a grid tries every value once and bayes searches them all.
void warn_unused_probabilities(const SpecReader& reader, const SweepSpec& spec) {
  if (spec.method == "random") return;
  for (const ParameterSpec& parameter : spec.parameters) {
    if (parameter.probabilities.empty()) continue;
    reader.warn("parameters." + parameter.name() + ".probabilities",
                "method " + spec.method + " does not draw at random, so the probabilities are ignored (every "
                "value is " + (spec.method == "grid" ? "tried once" : "searched") + ")");
  }
}

void check_method_needs(const SpecReader& reader, SweepSpec& spec) {
  if (spec.method == "bayes" && !spec.metric) {
    reader.fail("metric", "is missing; method bayes needs a metric {name, goal} to optimise");
  }
  if (spec.early_terminate && !spec.metric) {
    reader.fail("metric", "is missing; early_terminate needs a metric {name, goal} to compare trials");
  }
  if (spec.method == "bayes") {
    try {
      std::vector<bayesopt::Parameter> searched;
      for (const ParameterSpec& parameter : spec.parameters) searched.push_back(spec::bayes_parameter(parameter));
      static_cast<void>(bayesopt::SearchSpace(std::move(searched)));
    } catch (const std::invalid_argument& e) {
      reader.fail("parameters", std::string("the Bayesian optimiser cannot search this space: ") + e.what());
    }
  }
  if (spec.method != "grid") return;
  for (const ParameterSpec& parameter : spec.parameters) {
    if (!spec::choice_count(parameter)) {
      reader.fail("parameters." + parameter.name(),
                  "has the continuous distribution " + std::string(distribution_name(parameter.distribution)) +
                      "; method grid needs " + grid_forms() + " for every parameter");
    }
  }
  if (!grid_size(spec)) reader.fail("parameters", "the grid has more than 2^64 points; use method random or bayes");
}

SweepSpec parse_unguarded(const std::string& text, const std::string& source) {
  spec::FieldLines lines;
  const json root = spec::yaml_to_json(text, source, {}, &lines);
  std::vector<std::string> warnings;
  const SpecReader reader(source, std::move(lines), &warnings);
  if (!root.is_object()) {
    reader.fail("", "the file is " + spec::describe(root) + ", not a YAML mapping; a spec maps keys such as "
                    "method and parameters to their values");
  }
  std::vector<std::string_view> known(kOwnTopKeys.begin(), kOwnTopKeys.end());
  known.insert(known.end(), spec::wandb_only_keys().begin(), spec::wandb_only_keys().end());
  reader.check_keys(root, "", known);
  spec::read_wandb_keys(reader, root);

  SweepSpec spec;
  spec.source = source;
  spec.text = text;
  spec.hash = spec::sha256_hex(text);
  spec.name = default_name(source);
  if (const json* v = find(root, "name")) spec.name = reader.string(*v, "name");
  if (const json* v = find(root, "description")) spec.description = reader.string(*v, "description");
  const json* method = find(root, "method");
  if (method == nullptr) reader.fail("method", "is missing; allowed: " + spec::list_words(kMethods));
  spec.method = one_of(reader, *method, "method", kMethods);
  const json* parameters = find(root, "parameters");
  if (parameters == nullptr) reader.fail("parameters", "is missing; a spec needs at least one parameter");
  spec.parameters = spec::parse_parameters(reader, *parameters, "parameters");
  read_command(reader, root, spec);
  read_metric(reader, root, spec);
  read_early_terminate(reader, root, spec);
  read_own_keys(reader, root, spec);
  read_bayes(reader, root, spec);
  check_method_needs(reader, spec);
  warn_unused_probabilities(reader, spec);
  spec.warnings = std::move(warnings);
  return spec;
}

}  // namespace

SweepSpec parse_sweep_spec(const std::string& text, const std::string& source) {
  try {
    return parse_unguarded(text, source);
  } catch (const SpecError&) {
    throw;
  } catch (const std::exception& e) {  // a spec never crashes the program: anything else is a refusal too
    throw SpecError(source + ": cannot be read as a sweep spec: " + e.what());
  }
}

SweepSpec load_sweep_spec(const std::string& path) { return load_sweep_spec(path, &std::cerr); }

SweepSpec load_sweep_spec(const std::string& path, std::ostream* warnings) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) throw SpecError(path + ": cannot read the spec: no such file");
  if (fs::is_directory(status)) throw SpecError(path + ": is a directory; give the spec's YAML file");
  if (!fs::is_regular_file(status)) throw SpecError(path + ": is not a regular file; give the spec's YAML file");
  const spec::YamlLimits limits;
  const auto size = fs::file_size(path, error);
  if (!error && size > limits.max_bytes) {
    throw SpecError(path + ": the file is " + std::to_string(size) + " bytes; a spec may be at most " +
                    std::to_string(limits.max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError(path + ": cannot read the spec: permission denied or unreadable");
  std::ostringstream text;
  text << in.rdbuf();
  SweepSpec spec = parse_sweep_spec(text.str(), path);
  if (warnings != nullptr) {
    for (const std::string& warning : spec.warnings) *warnings << warning << "\n";
  }
  return spec;
}

std::optional<std::uint64_t> grid_size(const SweepSpec& spec) {
  return spec::grid_size(spec.parameters);
}

}  // namespace orchestrator
