// `sweep wandb-path`: prints the directory of sweep's offline `wandb` stand-in, for running a W&B
// script outside `sweep run`: PYTHONPATH=$(sweep wandb-path) python train.py
#include <iostream>

#include "orchestrator/app/commands.h"
#include "orchestrator/launch/wandb_standin.h"

namespace orchestrator::cli {

void add_wandb_path_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand(
      "wandb-path", "Print the directory of sweep's offline wandb stand-in (for PYTHONPATH)");
  command->callback([&context] {
    if (const auto directory = find_wandb_standin()) {
      std::cout << *directory << '\n';
      context.exit_code = kOk;
      return;
    }
    std::cerr << "sweep wandb-path: the wandb stand-in (wandb/__init__.py) was not found at "
              << wandb_standin_location() << "; rebuild sweep, or set SWEEP_WANDB_PATH to the directory that holds "
              << "orchestrator/python/wandb\n";
    context.exit_code = kFailure;
  });
}

}  // namespace orchestrator::cli
