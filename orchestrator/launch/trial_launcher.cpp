#include "orchestrator/launch/trial_launcher.h"

#include <cstring>

namespace orchestrator {

std::string TrialExit::describe() const {
  if (!launch_error.empty()) return "could not start: " + launch_error;
  if (exit_code) return "exit code " + std::to_string(*exit_code);
  if (signal) return "signal " + std::to_string(*signal) + " (" + ::strsignal(*signal) + ")";
  return "unknown end";
}

}  // namespace orchestrator
