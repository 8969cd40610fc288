// `sweep run SPEC`: runs (or resumes) a sweep. A refused spec, a missing program or an unknown
// launcher is reported before the database is opened, so a refusal writes nothing.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"
#include "orchestrator/spec/command_line.h"
#include "orchestrator/run/coordinator_lock.h"
#include "orchestrator/launch/launcher_registry.h"
#include "orchestrator/run/scheduler.h"
#include "orchestrator/run/sweep_opening.h"
#include "orchestrator/spec/sweep_spec.h"
#include "results/result_store.h"

namespace orchestrator::cli {
namespace {

constexpr const char* kRunExitCodes =
    "Exit codes: 0 the sweep completed; 1 it stopped because its trials kept failing, or none succeeded; "
    "2 bad command line, refused spec, missing program, a sweep of that name with a different spec, or "
    "one another `sweep run` is running (nothing written); 4 the database could not be opened or written; 130 interrupted (running trials "
    "recorded as killed; run the same command again to resume).";

struct RunOptions {
  std::string spec_path;
  std::optional<int> workers;
  std::optional<int> run_cap;
  std::optional<int> count;
  std::optional<std::string> launcher;
  double grace_seconds = 5;
  bool restart = false;
  bool wait = false;
};

// Everything that can refuse the spec, checked before the database is touched.
struct PreparedRun {
  SweepSpec spec;
  std::unique_ptr<Scheduler> scheduler;
};

SweepSpec load_run_spec(const RunOptions& options) {
  SweepSpec spec = load_sweep_spec(options.spec_path);
  if (options.run_cap) spec.run_cap = *options.run_cap;
  if (options.launcher) spec.launcher = *options.launcher;
  return spec;
}

// nullopt if another `sweep run` holds the sweep (and --wait was not given).
std::optional<CoordinatorLock> lock_sweep(const RunOptions& options, const std::string& db_path,
                                          const std::string& name) {
  std::optional<CoordinatorLock> lock = CoordinatorLock::acquire(db_path, name);
  if (lock || !options.wait) return lock;
  std::cerr << "sweep: waiting for the other `sweep run` of sweep '" << name << "' to finish\n";
  while (!(lock = CoordinatorLock::acquire(db_path, name))) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return lock;
}

// --count N: this run adds N trial numbers (W&B's `wandb agent --count`), so its cap is the highest number
// the database holds plus N, within run_cap. Read under the lock: a run that waited counts the other's trials.
std::optional<int> cap_for_count(const RunOptions& options, const SweepSpec& spec, const std::string& db_path) {
  if (!options.count) return spec.run_cap;
  int highest = 0;
  std::error_code error;
  if (!options.restart && std::filesystem::exists(db_path, error)) {
    const results::ResultStore store = results::ResultStore::open_existing(db_path);
    if (const auto existing = store.find_sweep(spec.name); existing && existing->spec_hash == spec.hash)
      for (const results::TrialRecord& trial : store.trials(existing->id)) highest = std::max(highest, trial.number);
  }
  const int cap = highest + *options.count;
  return spec.run_cap ? std::min(*spec.run_cap, cap) : cap;
}

PreparedRun prepare(const RunOptions& options, SweepSpec spec) {
  const std::string program = command_uses_program(spec.command) ? resolve_program(spec) : std::string();
  SchedulerOptions scheduler_options;
  scheduler_options.workers = options.workers.value_or(spec.workers);
  if (scheduler_options.workers == 0) scheduler_options.workers = launcher_default_workers(spec.launcher);
  scheduler_options.run_cap = spec.run_cap;
  scheduler_options.termination_grace =
      std::chrono::milliseconds(static_cast<long long>(options.grace_seconds * 1000));
  scheduler_options.progress = &std::cout;
  scheduler_options.live_progress = ::isatty(STDOUT_FILENO) == 1;
  const LauncherFactory launcher = launcher_factory(spec);
  auto scheduler = std::make_unique<Scheduler>(spec, program, scheduler_options, launcher);
  return {std::move(spec), std::move(scheduler)};
}

int exit_code_for(const SweepResult& result) {
  switch (result.outcome) {
    case SweepOutcome::Interrupted: return kInterrupted;
    case SweepOutcome::Failing: return kFailure;
    case SweepOutcome::Completed: break;
  }
  return result.progress.done == 0 && result.progress.failed > 0 ? kFailure : kOk;
}

int run_sweep(const RunOptions& options, const CommandContext& context) {
  return run_guarded("sweep run", std::cerr, [&]() -> int {
    // The spec, launcher and scheduler settings are checked before the database is opened: a refusal
    // writes nothing.
    SweepSpec spec = load_run_spec(options);
    const std::optional<CoordinatorLock> lock = lock_sweep(options, context.db_path, spec.name);
    if (!lock) {
      std::cerr << "sweep: refused: sweep '" << spec.name << "' of " << context.db_path
                << " is being run by another `sweep run` on this machine; wait for it (--wait), or stop it with "
                   "Ctrl-C\n";
      return kUsage;
    }
    spec.run_cap = cap_for_count(options, spec, context.db_path);
    const PreparedRun run = prepare(options, std::move(spec));
    results::ResultStore store = results::ResultStore::open(context.db_path);
    const OpenedSweep sweep = open_sweep(store, run.spec, options.restart);
    const SweepResult result = run.scheduler->run(store, sweep.id);
    if (result.progress.best && run.spec.metric)
      std::cout << "best " << run.spec.metric->name << " " << *result.progress.best << " (trial "
                << result.progress.best_trial.value_or(0) << "); see `sweep best --metric " << run.spec.metric->name
                << " --sweep " << run.spec.name << "`\n";
    return exit_code_for(result);
  });
}

}  // namespace

void add_run_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Run a sweep, or resume it: running the same spec again keeps its finished trials, re-runs the "
             "ones that were interrupted and continues. Ctrl-C stops cleanly; a second Ctrl-C kills at once.");
  command->fallthrough();  // `sweep run spec.yaml --db other.db` reaches the global --db
  command->footer(kRunExitCodes);
  command->add_option("spec", options->spec_path, "The sweep spec (W&B sweep YAML)")->required();
  command->add_option("--workers", options->workers, "Trials running at once (default: the spec's `workers`, "
                                                     "else the number of cores)")
      ->check(CLI::Range(1, 4096));
  command->add_option("--run-cap", options->run_cap, "Trials in the sweep at most (overrides the spec's run_cap)")
      ->check(CLI::Range(1, 1 << 30));
  command->add_option("--count", options->count,
                      "New trials this run starts at most (W&B's `wandb agent --count`): the sweep's trial numbers "
                      "grow by N, within run_cap; trials interrupted earlier are run again on top")
      ->check(CLI::Range(1, 1 << 30));
  command->add_flag("--wait", options->wait,
                    "If another `sweep run` is running this sweep, wait for it to end, then continue the sweep");
  command->add_option("--launcher", options->launcher, "Where trials run (overrides the spec's `launcher`)")
      ->check(CLI::IsMember(launcher_names()));
  command->add_option("--grace", options->grace_seconds,
                      "Seconds a stopped trial gets between SIGTERM and SIGKILL")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  command->add_flag("--restart", options->restart,
                    "Delete an existing sweep of the same name (its trials and metrics) and start anew");
  command->callback([options, &context] { context.exit_code = run_sweep(*options, context); });
}

}  // namespace orchestrator::cli
