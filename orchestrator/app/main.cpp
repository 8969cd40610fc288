// `sweep`: the command-line front of the coordinator. Each subcommand lives in orchestrator/app/.
#include <iostream>

#include "orchestrator/app/commands.h"
#include "orchestrator/app/unknown_command.h"

int main(int argc, char** argv) {
  CLI::App app{"sweep: hyperparameter sweeps with Bayesian optimisation, parallel trials and SQLite results"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sweep 0.1.0");
  orchestrator::cli::CommandContext context;
  app.add_option("--db", context.db_path, "SQLite results database")->capture_default_str();
  orchestrator::cli::add_validate_command(app, context);
  orchestrator::cli::add_run_command(app, context);
  orchestrator::cli::add_query_commands(app, context);
  orchestrator::cli::add_wandb_path_command(app, context);
  orchestrator::cli::add_report_command(app, context);
  orchestrator::cli::add_dashboard_command(app, context);
  orchestrator::cli::add_python_command(app, context);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (const auto unknown = orchestrator::cli::unknown_command_message(app, args)) {
    std::cerr << *unknown << "\n";
    return orchestrator::cli::kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : orchestrator::cli::kUsage;
  }
  return context.exit_code;
}
