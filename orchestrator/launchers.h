// Launchers: the trial launchers `sweep run --launcher NAME` can use, by name.
#pragma once

#include <string>
#include <vector>

#include "orchestrator/scheduler.h"

namespace orchestrator {

const std::vector<std::string>& launcher_names();
// Throws SpecError ("<source>: launcher: ...") for a name it does not know.
LauncherFactory launcher_factory(const std::string& name, const SweepSpec& spec);

}  // namespace orchestrator
