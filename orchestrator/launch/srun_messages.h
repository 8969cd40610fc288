// SrunMessages: reads what srun and slurmstepd print on stderr: the job id and node of a trial's
// job, srun's own chatter (kept out of the trial's log), and why Slurm ended or refused a job.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace orchestrator {

// What one stderr line says about the trial's Slurm job.
struct SrunLine {
  std::optional<long> job_id;  // "srun: job 7 queued ...", "srun: jobid 7: nodes(1):`n1', ..."
  std::string nodes;           // from the "jobid" line: the node list the job runs on
  std::string step;            // "srun: launching StepId=7.0 on host n1, ...": "7.0"
  std::string refusal;         // "srun: error: Unable to allocate resources: <why>": the job never ran
  std::string cause;           // why Slurm ended the job: "time limit", "preemption", "node failure", ...
  bool chatter = false;        // srun's --verbose progress, not worth keeping in the trial's log
};

SrunLine read_srun_line(std::string_view line);

}  // namespace orchestrator
