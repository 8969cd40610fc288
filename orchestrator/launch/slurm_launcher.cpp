#include "orchestrator/launch/slurm_launcher.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "orchestrator/launch/srun_messages.h"

namespace orchestrator {

struct SlurmLauncher::Job {
  std::string name;
  std::optional<long> id;
  std::string nodes;
  std::string step;             // "42.0"
  std::string cause;            // why Slurm ended it (time limit, preemption, ...)
  std::string refusal;          // why Slurm would not run it
  bool cancel_requested = false;
  bool cancel_sent = false;     // by id or step: nothing more to do
  bool ended = false;           // srun has exited and every line was read
  std::unique_ptr<RunningTrial> srun;
};

namespace {

class SlurmTrial : public RunningTrial {
 public:
  SlurmTrial(SlurmLauncher& launcher, std::shared_ptr<SlurmLauncher::Job> job)
      : launcher_(launcher), job_(std::move(job)) {}

  // Slurm stops the job's tasks (SIGTERM, then SIGKILL after its KillWait); srun gets SIGTERM too,
  // which ends the step even before the cancel lands, and SIGKILL after `grace`.
  void terminate(std::chrono::milliseconds grace) override {
    launcher_.cancel(*job_);
    job_->srun->terminate(grace);
  }
  void kill() override {
    launcher_.cancel(*job_);
    job_->srun->kill();
  }
  std::string host() const override { return job_->nodes.empty() ? "slurm" : job_->nodes; }
  std::string info_json() const override {
    nlohmann::json info = nlohmann::json::parse(job_->srun->info_json(), nullptr, false);
    if (!info.is_object()) info = nlohmann::json::object();
    info["slurm_job_name"] = job_->name;
    if (job_->id) info["slurm_job"] = *job_->id;
    if (!job_->step.empty()) info["slurm_step"] = job_->step;
    if (!job_->nodes.empty()) info["node"] = job_->nodes;
    if (!job_->cause.empty()) info["slurm_cause"] = job_->cause;
    if (!job_->refusal.empty()) info["slurm_refusal"] = job_->refusal;
    return info.dump();
  }

 private:
  SlurmLauncher& launcher_;
  std::shared_ptr<SlurmLauncher::Job> job_;
};

std::string trial_label(const TrialCommand& command) {
  const auto found = command.environment.find("SWEEP_TRIAL");
  return found == command.environment.end() ? "0" : found->second;
}

}  // namespace

SlurmLauncher::SlurmLauncher(boost::asio::io_context& io, SlurmSettings settings)
    : settings_(std::move(settings)), local_(io) {}

SlurmLauncher::~SlurmLauncher() {
  std::vector<std::string> targets;
  bool pending_without_id = false;
  for (const auto& weak : jobs_)
    if (const auto job = weak.lock(); job && !job->ended) {
      if (const std::string target = cancel_target(*job); !target.empty()) targets.push_back(target);
      else pending_without_id = true;
    }
  cancel_jobs_now(settings_.tools, targets);
  // A job whose srun never said its id is still found by name (a step not yet started ends with srun).
  if (pending_without_id && !settings_.inside_allocation)
    cancel_jobs_now(settings_.tools, jobs_named(settings_.tools, "sweep-" + settings_.sweep_name + "-"));
}

std::unique_ptr<RunningTrial> SlurmLauncher::start(const TrialCommand& command, TrialCallbacks callbacks) {
  cancel_leftovers_once();
  auto job = std::make_shared<Job>();
  job->name = "sweep-" + settings_.sweep_name + "-" + trial_label(command);
  std::erase_if(jobs_, [](const std::weak_ptr<Job>& weak) { return weak.expired(); });
  jobs_.push_back(job);

  TrialCommand srun = command;
  srun.argv = srun_arguments(settings_.tools.srun, settings_.options, settings_.cpus_per_task, job->name);
  srun.argv.insert(srun.argv.end(), command.argv.begin(), command.argv.end());

  const std::weak_ptr<Job> weak = job;
  auto on_stderr = [this, weak, forward = std::move(callbacks.on_stderr_line)](std::string_view line) {
    const SrunLine said = read_srun_line(line);
    if (const auto job = weak.lock()) {
      if (said.job_id && !job->id) job->id = said.job_id;
      if (!said.nodes.empty()) job->nodes = said.nodes;
      if (!said.step.empty()) job->step = said.step;
      if (!said.cause.empty() && job->cause.empty()) job->cause = said.cause;
      if (!said.refusal.empty()) job->refusal = said.refusal;
      // Stopped while it waited in the queue: now that its id is known, cancel it by id.
      if (job->cancel_requested && !job->cancel_sent && !cancel_target(*job).empty()) cancel(*job);
    }
    if (!said.chatter && forward) forward(line);
  };
  auto on_exit = [weak, forward = std::move(callbacks.on_exit)](const TrialExit& exit) {
    TrialExit reported = exit;
    if (const auto job = weak.lock()) {
      job->ended = true;
      if (!job->refusal.empty() && !exit.succeeded())
        reported = TrialExit{std::nullopt, std::nullopt, "Slurm refused the job: " + job->refusal};
    }
    if (forward) forward(reported);
  };
  job->srun = local_.start(srun, TrialCallbacks{std::move(callbacks.on_stdout_line), std::move(on_stderr),
                                                std::move(on_exit), std::move(callbacks.on_line_cut)});
  return std::make_unique<SlurmTrial>(*this, job);
}

std::string SlurmLauncher::cancel_target(const Job& job) const {
  if (settings_.inside_allocation) return job.step;
  return job.id ? std::to_string(*job.id) : std::string();
}

void SlurmLauncher::cancel(Job& job) {
  job.cancel_requested = true;
  if (job.ended || job.cancel_sent) return;
  std::vector<std::string> argv = {settings_.tools.scancel, "--quiet"};
  if (const std::string target = cancel_target(job); !target.empty()) {
    argv.push_back(target);
    job.cancel_sent = true;
  } else if (!settings_.inside_allocation) {
    argv.insert(argv.end(), {"--user=" + current_user(), "--name=" + job.name});
  } else {
    return;  // a step that has not started yet ends when srun gets its SIGTERM
  }
  local_.start(TrialCommand{argv, {}, {}}, TrialCallbacks{});  // runs on its own; nothing to read
}

// Jobs of this sweep left by a coordinator that died (kill -9 gives it no chance to cancel them):
// the coordinator lock makes this the only coordinator of the sweep, so they are nobody's now.
void SlurmLauncher::cancel_leftovers_once() {
  if (leftovers_cancelled_ || settings_.inside_allocation) return;
  leftovers_cancelled_ = true;
  cancel_jobs_now(settings_.tools, jobs_named(settings_.tools, "sweep-" + settings_.sweep_name + "-"));
}

LauncherFactory slurm_launcher_factory(const SweepSpec& spec) {
  SlurmSettings settings;
  settings.options = parse_slurm_options(spec.slurm, spec.source);
  try {
    settings.tools = find_slurm_tools();
  } catch (const std::runtime_error& error) {
    throw SpecError(spec.source + ": launcher: slurm needs the Slurm client tools: " + error.what());
  }
  settings.cpus_per_task = std::max(1, spec.threads_per_trial);
  settings.sweep_name = spec.name;
  settings.inside_allocation = std::getenv("SLURM_JOB_ID") != nullptr;
  return [settings](boost::asio::io_context& io) { return std::make_unique<SlurmLauncher>(io, settings); };
}

}  // namespace orchestrator
