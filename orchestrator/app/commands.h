// app/: the `sweep` command line, the last stage: each subcommand registers itself on the CLI11 app
// and, when it runs, sets the process exit code in CommandContext (errors: command_errors.h).
#pragma once

#include <CLI/CLI.hpp>

namespace orchestrator::cli {

// Exit codes a script can rely on (documented in the README).
enum ExitCode : int {
  kOk = 0,
  kFailure = 1,       // the command ran but failed (e.g. every trial failed, I/O error)
  kUsage = 2,         // bad command line or refused spec; nothing was written
  kNotFound = 3,      // no such sweep, trial or metric in the database
  kDatabase = 4,      // the database could not be opened or is corrupt
  kInterrupted = 130, // stopped by Ctrl-C / SIGTERM; running trials were recorded
};

struct CommandContext {
  int exit_code = kOk;
  std::string db_path = "results.db";  // the global --db option
};

void add_validate_command(CLI::App& app, CommandContext& context);  // orchestrator/app/validate_command.cpp
void add_run_command(CLI::App& app, CommandContext& context);       // orchestrator/app/run_command.cpp
void add_query_commands(CLI::App& app, CommandContext& context);    // ls, best, trials, show, export
void add_wandb_path_command(CLI::App& app, CommandContext& context); // orchestrator/app/wandb_path_command.cpp
void add_report_command(CLI::App& app, CommandContext& context);    // orchestrator/app/report_command.cpp
void add_dashboard_command(CLI::App& app, CommandContext& context); // orchestrator/app/dashboard_command.cpp
void add_python_command(CLI::App& app, CommandContext& context);    // orchestrator/app/python_command.cpp

}  // namespace orchestrator::cli
