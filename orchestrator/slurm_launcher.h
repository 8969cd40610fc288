// SlurmLauncher: runs each trial as its own Slurm job through srun, on top of the local launcher
// (srun is the local child; its stdout is the trial's). Stopping a trial cancels its job.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "orchestrator/local_launcher.h"
#include "orchestrator/scheduler.h"
#include "orchestrator/slurm_control.h"
#include "orchestrator/slurm_options.h"
#include "orchestrator/sweep_spec.h"

namespace orchestrator {

// Trials in flight on a cluster when the spec does not say: the local core count means nothing there.
constexpr int kSlurmDefaultWorkers = 8;

struct SlurmSettings {
  SlurmTools tools;
  SlurmOptions options;
  int cpus_per_task = 1;     // when options.cpus_per_task is unset
  std::string sweep_name;    // jobs are named sweep-<sweep_name>-<trial>
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

  // Asks Slurm to cancel the job (by id, or by name while its id is not known yet).
  void cancel(Job& job);

 private:
  void cancel_leftovers_once();

  SlurmSettings settings_;
  LocalLauncher local_;
  std::vector<std::weak_ptr<Job>> jobs_;
  bool leftovers_cancelled_ = false;
};

// Parses spec.slurm and finds srun; throws SpecError before anything runs if either is wrong.
LauncherFactory slurm_launcher_factory(const SweepSpec& spec);

}  // namespace orchestrator
