// `sweep python SCRIPT [ARGS...]`: runs python3 with sweep's wandb stand-in first on PYTHONPATH, so that
// a script's own wandb.sweep(config) + wandb.agent(...) run their sweep here (orchestrator/python/wandb).
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "orchestrator/app/commands.h"
#include "orchestrator/launch/wandb_standin.h"

namespace orchestrator::cli {
namespace {

// Replaces this process with python3 ARGS; returns only if python3 could not be started.
int exec_python(const std::vector<std::string>& arguments, const std::string& standin, const std::string& db_path) {
  std::map<std::string, std::string> environment;
  add_wandb_standin_environment(environment, standin, nlohmann::json::object());
  // Not SWEEP_TRIAL_CONFIG: this script is not a trial, it is the one that starts the sweep.
  for (const char* name : {"PYTHONPATH", "WANDB_MODE"}) ::setenv(name, environment.at(name).c_str(), 1);
  // wandb.agent passes the database on to its `sweep run`.
  ::setenv("SWEEP_DB", std::filesystem::absolute(db_path).string().c_str(), 1);
  std::vector<char*> argv;
  std::string python = "python3";
  argv.push_back(python.data());
  std::vector<std::string> copies = arguments;
  for (std::string& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  std::cerr << "sweep python: cannot run python3: " << std::strerror(errno) << "\n";
  return kFailure;
}

}  // namespace

void add_python_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand(
      "python", "Run python3 SCRIPT ARGS... with the wandb stand-in first on PYTHONPATH: the script's own "
                "wandb.sweep(config) and wandb.agent(id, function, count) run the sweep here, into --db");
  command->prefix_command();  // everything after `python` belongs to the script, its flags included
  command->footer("Exit code: the script's own; 2 without a script; 1 if python3 or the stand-in is missing.");
  command->callback([command, &context] {
    const std::vector<std::string> arguments = command->remaining();
    if (arguments.empty()) {
      std::cerr << "sweep python: give the script to run: sweep python train.py [ARGS...]\n";
      context.exit_code = kUsage;
      return;
    }
    const std::optional<std::string> standin = find_wandb_standin();
    if (!standin) {
      std::cerr << "sweep python: the wandb stand-in is not at " << wandb_standin_location() << "\n";
      context.exit_code = kFailure;
      return;
    }
    context.exit_code = exec_python(arguments, *standin, context.db_path);
  });
}

}  // namespace orchestrator::cli
