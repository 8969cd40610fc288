#include "orchestrator/launch/launcher_registry.h"

#include <array>

#include "orchestrator/launch/local_launcher.h"
#include "orchestrator/launch/slurm_launcher.h"

namespace orchestrator {
namespace {

// Adding a launcher is a row here (and its own files in launch/).
struct LauncherEntry {
  std::string_view name;
  int default_workers;  // 0: the number of cores
  LauncherFactory (*make)(const SweepSpec& spec);
};

LauncherFactory local_launcher_factory(const SweepSpec&) {
  return [](boost::asio::io_context& io) { return std::make_unique<LocalLauncher>(io); };
}

constexpr std::array kLaunchers = {
    LauncherEntry{"local", 0, &local_launcher_factory},
    LauncherEntry{"slurm", kSlurmDefaultWorkers, &slurm_launcher_factory},
};

const LauncherEntry* find_launcher(const std::string& name) {
  for (const LauncherEntry& entry : kLaunchers) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& launcher_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const LauncherEntry& entry : kLaunchers) all.emplace_back(entry.name);
    return all;
  }();
  return names;
}

LauncherFactory launcher_factory(const SweepSpec& spec) {
  if (const LauncherEntry* entry = find_launcher(spec.launcher)) return entry->make(spec);
  std::string allowed;
  for (const std::string& known : launcher_names()) allowed += (allowed.empty() ? "" : ", ") + known;
  throw SpecError(spec.source + ": launcher: '" + spec.launcher + "' is not available; allowed: " + allowed);
}

int launcher_default_workers(const std::string& launcher) {
  const LauncherEntry* entry = find_launcher(launcher);
  return entry ? entry->default_workers : 0;
}

}  // namespace orchestrator
