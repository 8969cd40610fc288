#include "orchestrator/launch/trial_command.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "orchestrator/spec/command_line.h"
#include "orchestrator/launch/wandb_standin.h"

namespace orchestrator {
namespace {

// ${args_json_file}: the config written where the trial runs (the coordinator's directory), kept
// beside the results as W&B's agent keeps its config files: sweep-args/<sweep>/trial-<n>-<attempt>.json.
std::string write_args_json_file(const SweepSpec& spec, const nlohmann::json& config, TrialIdentity identity) {
  namespace fs = std::filesystem;
  std::string folder = spec.name;
  for (char& c : folder) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  }
  const fs::path path = fs::absolute(fs::path("sweep-args") / folder /
                                     ("trial-" + std::to_string(identity.number) + "-" +
                                      std::to_string(identity.attempt) + ".json"));
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::trunc);
  out << config.dump() << "\n";
  if (error || !out.flush()) {
    throw std::runtime_error("cannot write " + path.string() + " for ${args_json_file}" +
                             (error ? ": " + error.message() : std::string()));
  }
  return path.string();
}

}  // namespace

TrialCommand make_trial_command(const SweepSpec& spec, const std::string& program, const nlohmann::json& config,
                                TrialIdentity identity, const std::optional<std::string>& wandb_standin,
                                const std::vector<std::string>& extra_arguments) {
  TrialCommand command;
  const std::string args_json_file =
      command_uses_args_json_file(spec.command) ? write_args_json_file(spec, config, identity) : std::string();
  command.argv = build_command(spec, program, config, args_json_file);
  command.argv.insert(command.argv.end(), extra_arguments.begin(), extra_arguments.end());
  // Numeric libraries in a trial would otherwise each start one thread per core and oversubscribe
  // the machine when trials run side by side.
  const std::string threads = std::to_string(std::max(1, spec.threads_per_trial));
  command.environment = {
      {"SWEEP_NAME", spec.name},
      {"SWEEP_TRIAL", std::to_string(identity.number)},
      {"SWEEP_TRIAL_ATTEMPT", std::to_string(identity.attempt)},
      {"OMP_NUM_THREADS", threads},
      {"OPENBLAS_NUM_THREADS", threads},
      {"MKL_NUM_THREADS", threads},
  };
  if (wandb_standin && is_python_command(command.argv))
    add_wandb_standin_environment(command.environment, *wandb_standin, config);
  return command;
}

bool wants_wandb_standin(const SweepSpec& spec, const std::string& program) {
  return spec.wandb_standin && is_python_command(build_command(spec, program, nlohmann::json::object()));
}

std::optional<std::string> wandb_standin_for(const SweepSpec& spec, const std::string& program) {
  return wants_wandb_standin(spec, program) ? find_wandb_standin() : std::nullopt;
}

}  // namespace orchestrator
