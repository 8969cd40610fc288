#include "orchestrator/launch/wandb_standin.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace orchestrator {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPathVariable = "SWEEP_WANDB_PATH";

fs::path next_to_executable() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return (executable.parent_path().parent_path() / "python").lexically_normal();
}

fs::path standin_directory() {
  if (const char* overridden = std::getenv(kPathVariable); overridden != nullptr && *overridden != '\0')
    return fs::path(overridden);
  return next_to_executable();
}

bool is_python_interpreter(const std::string& name) {
  for (const std::string_view prefix : {"python", "pypy"}) {
    if (!name.starts_with(prefix)) continue;
    const std::string version = name.substr(prefix.size());
    return version.find_first_not_of("0123456789.") == std::string::npos;
  }
  return false;
}

}  // namespace

std::optional<std::string> find_wandb_standin() {
  const fs::path directory = standin_directory();
  std::error_code error;
  if (directory.empty() || !fs::is_regular_file(directory / "wandb" / "__init__.py", error)) return std::nullopt;
  return fs::absolute(directory, error).lexically_normal().string();
}

std::string wandb_standin_location() {
  if (const char* overridden = std::getenv(kPathVariable); overridden != nullptr && *overridden != '\0')
    return std::string(overridden) + " (from " + kPathVariable + ")";
  return next_to_executable().string() + " (next to the sweep executable's bin/; " + kPathVariable +
         " overrides it)";
}

bool is_python_command(const std::vector<std::string>& argv) {
  for (const std::string& element : argv) {
    const std::string name = fs::path(element).filename().string();
    if ((name.size() > 3 && name.ends_with(".py")) || is_python_interpreter(name)) return true;
  }
  return false;
}

void add_wandb_standin_environment(std::map<std::string, std::string>& environment, const std::string& standin_dir,
                                   const nlohmann::json& config) {
  std::string python_path = standin_dir;
  if (const char* existing = std::getenv("PYTHONPATH"); existing != nullptr && *existing != '\0')
    python_path += std::string(":") + existing;
  environment["PYTHONPATH"] = python_path;
  environment["SWEEP_TRIAL_CONFIG"] = config.dump();
  environment["WANDB_MODE"] = "offline";
}

}  // namespace orchestrator
