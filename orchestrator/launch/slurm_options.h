// SlurmOptions: the `slurm:` block of a sweep spec (partition, time limit, resources, extra srun
// arguments), validated, and the srun command line that runs one trial as its own Slurm job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace orchestrator {

struct SlurmOptions {
  std::string partition, account, qos;
  std::string time;                    // Slurm's format: "30" (minutes), "1:30:00", "2-00:00:00"
  std::optional<int> cpus_per_task;    // default: the spec's threads_per_trial
  std::string mem;                     // per node: "4G", "500M", "2048" (MB)
  std::string gres, gpus, constraint;
  std::vector<std::string> extra_args; // passed to srun as written, before the program
};

// Reads the raw `slurm:` block (null: all defaults). Throws SpecError
// ("<source>: slurm.<field>: what was wrong; what is allowed") for unknown keys and bad values.
SlurmOptions parse_slurm_options(const nlohmann::json& block, const std::string& source);

// srun's argv up to (not including) the trial's program: one job per trial, named job_name,
// its output unbuffered so metrics stream, verbose so the job id and node can be read.
std::vector<std::string> srun_arguments(const std::string& srun, const SlurmOptions& options, int cpus_per_task,
                                        const std::string& job_name);

}  // namespace orchestrator
