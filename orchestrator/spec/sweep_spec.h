// spec/: YAML -> a validated SweepSpec (W&B format plus sweep's keys), and nothing later in the pipeline.
// SweepSpec: a parsed, validated sweep specification in the W&B sweep format plus sweep's own keys.
// parse_sweep_spec refuses bad input with a SpecError naming the field and what is allowed.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/distribution.h"

namespace orchestrator {

class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // message: "<source>: [line N: ]<field>: what was wrong; what is allowed"
};

struct Metric {
  std::string name;
  bool maximize = true;
  std::optional<double> target;
};

struct EarlyTerminate {
  std::string type = "hyperband";
  std::optional<int> min_iter;
  std::optional<int> max_iter;
  int s = 0;
  double eta = 3;
  bool strict = false;
};

// sweep's `bayes:` block: how the Bayesian optimiser picks its next point. W&B specs have none.
struct BayesSettings {
  std::string acquisition = "log_ei";   // log_ei | ei | ucb (bayesopt::make_acquisition)
  std::optional<double> ucb_beta;       // ucb only: standard deviations of optimism (default 1.75)
  // single: every result is a full-length one (a stopped trial's too, as W&B does); multi: the budget a
  // result was reached with is an input of the model (bayesopt::OptimizerOptions::Fidelity::Multi).
  std::string fidelity = "single";
};

struct SweepSpec {
  std::string source;                   // file path the spec came from
  std::string text;                     // the spec text as read
  std::string hash;                     // hex digest of text
  std::string name;                     // `name`, or the file name without extension
  std::string description;
  std::string program;                  // as written; empty if absent (a command-only or in-script W&B spec)
  std::vector<std::string> command;     // with macros unexpanded; default {"${env}","${interpreter}","${program}","${args}"}
  std::string method;                   // grid | random | bayes
  std::optional<Metric> metric;         // required for bayes and early_terminate
  std::optional<int> run_cap;
  std::optional<EarlyTerminate> early_terminate;
  std::vector<ParameterSpec> parameters;

  // sweep's own keys
  int workers = 0;                      // 0 = number of cores
  int threads_per_trial = 1;
  std::optional<double> timeout_seconds;
  int retries = 0;
  std::uint64_t seed = 0;
  std::string launcher = "local";
  nlohmann::json slurm;                 // the raw `slurm:` block (an object), null if absent; for the Slurm launcher
  bool wandb_standin = true;            // Python trials get sweep's offline `wandb` stand-in first on PYTHONPATH
  BayesSettings bayes;

  // What was accepted but changed or ignored ("<source>: line N: <field>: warning: ..."), for stderr.
  std::vector<std::string> warnings;
};

// Parses and validates a spec's text; source names it in messages.
SweepSpec parse_sweep_spec(const std::string& text, const std::string& source);
// Reads the file and parses it; a file that cannot be read is a SpecError too. The spec's warnings
// are written to `warnings`, one line each (nullptr: not written; they stay in SweepSpec::warnings).
SweepSpec load_sweep_spec(const std::string& path, std::ostream* warnings);
// As above, with the warnings on stderr: what `sweep run` and `sweep validate` show once per load.
SweepSpec load_sweep_spec(const std::string& path);

// The number of grid points (product of every parameter's choice count); nullopt unless grid-able.
std::optional<std::uint64_t> grid_size(const SweepSpec& spec);

}  // namespace orchestrator
