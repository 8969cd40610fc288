// SlurmControl: the Slurm commands the launcher runs itself (scancel, squeue), found on PATH once,
// run synchronously for the moments when no event loop runs (start-up, shutdown).
#pragma once

#include <string>
#include <vector>

namespace orchestrator {

struct SlurmTools {
  std::string srun, scancel, squeue;  // absolute paths
};

// Finds the tools on PATH; throws std::runtime_error naming the first one missing.
SlurmTools find_slurm_tools();

// The user name jobs are submitted as (for squeue/scancel --user).
std::string current_user();

// Runs argv (no shell), waits, and returns its stdout; stderr is dropped. Empty if it cannot run.
std::string run_and_read(const std::vector<std::string>& argv);

// Ids of this user's queued or running jobs whose name starts with prefix.
std::vector<std::string> jobs_named(const SlurmTools& tools, const std::string& prefix);

// scancel for these jobs ("42") or steps ("42.3"), waiting for the request to be accepted.
void cancel_jobs_now(const SlurmTools& tools, const std::vector<std::string>& targets);

}  // namespace orchestrator
