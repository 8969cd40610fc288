// launch/: where trials run. The launcher interface (trial_launcher.h), the local and Slurm launchers,
// and this registry: the one table of launcher names that `sweep run`, `sweep validate` and the spec use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "orchestrator/launch/trial_launcher.h"
#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator {

// The launcher names, in the registry's order ("local", "slurm").
const std::vector<std::string>& launcher_names();
// The launcher spec.launcher names, checked against the spec (a bad `slurm:` block, missing srun).
// Throws SpecError ("<source>: launcher: ...") naming the allowed launchers for an unknown name.
LauncherFactory launcher_factory(const SweepSpec& spec);
// `workers` when neither the spec nor --workers sets it: 0 means the number of cores.
int launcher_default_workers(const std::string& launcher);

}  // namespace orchestrator
