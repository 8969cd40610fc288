// SlurmLauncher: runs each trial as its own Slurm job through srun, on top of the local launcher
// (srun is the local child; its stdout is the trial's). Stopping a trial cancels its job.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "orchestrator/launch/local_launcher.h"
#include "orchestrator/launch/trial_launcher.h"
#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/slurm_control.h"
#include "orchestrator/launch/slurm_options.h"

namespace orchestrator {

// Trials in flight on a cluster when the spec does not say: the local core count means nothing there.
constexpr int kSlurmDefaultWorkers = 8;

struct SlurmSettings {
  SlurmTools tools;
  SlurmOptions options;
  int cpus_per_task = 1;     // when options.cpus_per_task is unset
  std::string sweep_name;    // jobs are named sweep-<sweep_name>-<trial>
  // The coordinator runs inside an allocation (SLURM_JOB_ID is set): each trial is a step of it,
  // and stopping a trial cancels its step, never the allocation the coordinator itself runs in.
  bool inside_allocation = false;
};

class SlurmLauncher : public TrialLauncher {
 public:
  SlurmLauncher(boost::asio::io_context& io, SlurmSettings settings);
  // Cancels the job of every trial still running, then the local launcher stops the srun clients.
  ~SlurmLauncher() override;
  SlurmLauncher(const SlurmLauncher&) = delete;
  SlurmLauncher& operator=(const SlurmLauncher&) = delete;

  std::unique_ptr<RunningTrial> start(const TrialCommand& command, TrialCallbacks callbacks) override;

  struct Job;  // one trial's job: its name, id, node, and why Slurm ended it

  // Asks Slurm to cancel the trial's job or step (by name while its id is not known yet).
  void cancel(Job& job);

 private:
  // What scancel is given for this trial ("42", or "42.3" inside an allocation); empty if not known yet.
  std::string cancel_target(const Job& job) const;
  void cancel_leftovers_once();

  SlurmSettings settings_;
  LocalLauncher local_;
  std::vector<std::weak_ptr<Job>> jobs_;
  bool leftovers_cancelled_ = false;
};

// Parses spec.slurm and finds srun; throws SpecError before anything runs if either is wrong.
LauncherFactory slurm_launcher_factory(const SweepSpec& spec);

}  // namespace orchestrator
