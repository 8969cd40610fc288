// WandbStandin: where sweep's offline stand-in for the `wandb` Python package lives, and the trial
// environment that puts it in front of a Python trial (orchestrator/python/wandb is the package).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace orchestrator {

// The directory that holds the stand-in's `wandb/` package (the one to put on PYTHONPATH):
// $SWEEP_WANDB_PATH if set, else <directory of this executable>/../python. nullopt if that directory
// has no wandb/__init__.py.
std::optional<std::string> find_wandb_standin();
// Where find_wandb_standin looks, for messages ("/opt/sweep/python (next to bin/sweep)").
std::string wandb_standin_location();

// Whether a trial's argv runs Python: an element ending in .py, or one named python, python3, python3.11...
bool is_python_command(const std::vector<std::string>& argv);

// Adds the stand-in's variables to a trial's environment: standin_dir first on PYTHONPATH (before the
// coordinator's own PYTHONPATH), SWEEP_TRIAL_CONFIG (the trial's config as JSON), WANDB_MODE=offline.
void add_wandb_standin_environment(std::map<std::string, std::string>& environment, const std::string& standin_dir,
                                   const nlohmann::json& config);

}  // namespace orchestrator
