// TrialCommand for one configuration of a sweep: the argv from the spec's command template, and the
// environment every trial gets (sweep name, trial number, thread caps, the wandb stand-in for Python).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/trial_launcher.h"

namespace orchestrator {

struct TrialIdentity {
  int number = 1;
  int attempt = 1;
};

// `program` is the resolved program (resolve_program); `wandb_standin` the stand-in's directory
// (find_wandb_standin), put first on PYTHONPATH when the argv runs Python; nullopt leaves Python alone.
// `extra_arguments` go after the template's arguments (e.g. `--test` for a retrain).
TrialCommand make_trial_command(const SweepSpec& spec, const std::string& program, const nlohmann::json& config,
                                TrialIdentity identity, const std::optional<std::string>& wandb_standin,
                                const std::vector<std::string>& extra_arguments = {});

// Whether a sweep's trials run Python and the spec keeps the stand-in on (wandb_standin is not false).
bool wants_wandb_standin(const SweepSpec& spec, const std::string& program);
// The stand-in directory a sweep's Python trials get: nullopt when the spec turns it off
// (wandb_standin: false), its trials do not run Python, or the stand-in is not installed.
std::optional<std::string> wandb_standin_for(const SweepSpec& spec, const std::string& program);

}  // namespace orchestrator
