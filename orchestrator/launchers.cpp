#include "orchestrator/launchers.h"

#include "orchestrator/local_launcher.h"
#include "orchestrator/slurm_launcher.h"

namespace orchestrator {

const std::vector<std::string>& launcher_names() {
  static const std::vector<std::string> names = {"local", "slurm"};
  return names;
}

LauncherFactory launcher_factory(const std::string& name, const SweepSpec& spec) {
  if (name == "local")
    return [](boost::asio::io_context& io) { return std::make_unique<LocalLauncher>(io); };
  if (name == "slurm") return slurm_launcher_factory(spec);
  std::string allowed;
  for (const std::string& known : launcher_names()) allowed += (allowed.empty() ? "" : ", ") + known;
  throw SpecError(spec.source + ": launcher: '" + name + "' is not available; allowed: " + allowed);
}

}  // namespace orchestrator
