// coordinator_bench: how many trials per second the coordinator runs when the trial itself costs
// nothing (/bin/true), every trial durably recorded in SQLite, beside a bare spawn loop on this
// machine and Optuna's figures quoted from the sweep issue (Optuna is not installable here).
//
//   coordinator_bench [TRIALS=1000] [WORKERS=2]
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "orchestrator/launch/launcher_registry.h"
#include "orchestrator/run/scheduler.h"
#include "orchestrator/run/sweep_opening.h"
#include "orchestrator/spec/sweep_spec.h"
#include "results/result_store.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kNoop = "/bin/true";

// Optuna 3.x on this machine class, as measured for the issue: a study whose objective launches
// /bin/true with subprocess.run, 2 jobs.
constexpr double kOptunaSqlitePerSecond = 17;
constexpr double kOptunaSqliteMsPerTrial = 58;
constexpr double kOptunaMemoryPerSecond = 225;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The floor: `workers` threads each spawning and reaping /bin/true, nothing recorded.
double bare_spawn_seconds(int trials, int workers) {
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([share = trials / workers + (w < trials % workers ? 1 : 0)] {
      for (int i = 0; i < share; ++i) {
        pid_t pid = 0;
        char* argv[] = {const_cast<char*>(kNoop), nullptr};
        if (::posix_spawn(&pid, kNoop, nullptr, nullptr, argv, environ) == 0) ::waitpid(pid, nullptr, 0);
      }
    });
  for (auto& thread : threads) thread.join();
  return seconds_since(start);
}

std::string noop_spec(int trials) {
  std::ostringstream spec;
  spec << "name: noop\nprogram: " << kNoop << "\ncommand: [\"${program}\", \"${args}\"]\nmethod: random\n"
       << "run_cap: " << trials << "\nseed: 1\nparameters:\n  x: {min: 0.0, max: 1.0}\n";
  return spec.str();
}

}  // namespace

int main(int argc, char** argv) {
  const int trials = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int workers = argc > 2 ? std::atoi(argv[2]) : 2;
  if (trials <= 0 || workers <= 0) {
    std::fprintf(stderr, "usage: coordinator_bench [TRIALS>0] [WORKERS>0]\n");
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / ("coordinator-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path db = dir / "results.db";

  const double bare = bare_spawn_seconds(trials, workers);

  const orchestrator::SweepSpec spec = orchestrator::parse_sweep_spec(noop_spec(trials), (dir / "noop.yaml").string());
  orchestrator::SchedulerOptions options;
  options.workers = workers;
  options.run_cap = spec.run_cap;
  options.handle_signals = false;
  orchestrator::Scheduler scheduler(spec, kNoop, options, orchestrator::launcher_factory(spec));
  auto store = results::ResultStore::open(db.string());
  const auto sweep = orchestrator::open_sweep(store, spec, false);
  const auto start = Clock::now();
  const auto result = scheduler.run(store, sweep.id);
  const double swept = seconds_since(start);

  // Count what is durably in the file, through a fresh connection.
  int recorded = 0;
  {
    const auto reader = results::ResultStore::open_existing(db.string());
    for (const auto& trial : reader.trials(sweep.id)) recorded += trial.state == results::TrialState::Finished;
  }
  fs::remove_all(dir);

  const double per_second = trials / swept;
  std::printf("coordinator overhead: %d no-op trials (%s), %d workers; shared machine, timings are noisy\n\n", trials,
              kNoop, workers);
  std::printf("%-44s %12s %14s\n", "", "trials/s", "ms per trial");
  std::printf("%-44s %12.0f %14.2f\n", "bare posix_spawn + waitpid (nothing recorded)", trials / bare,
              1000 * bare / trials);
  std::printf("%-44s %12.0f %14.2f\n", "sweep (SQLite WAL, each trial committed)", per_second, 1000 * swept / trials);
  std::printf("%-44s %12.0f %14.2f\n", "Optuna + SQLite storage (issue's figure)", kOptunaSqlitePerSecond,
              kOptunaSqliteMsPerTrial);
  std::printf("%-44s %12.0f %14.2f\n", "Optuna in-memory, not durable (issue's figure)", kOptunaMemoryPerSecond,
              1000 / kOptunaMemoryPerSecond);
  std::printf("\ncoordinator overhead beyond the bare spawn: %.2f ms per trial\n", 1000 * (swept - bare) / trials);
  std::printf("throughput vs Optuna+SQLite: %.1fx (goal: 10x)\n", per_second / kOptunaSqlitePerSecond);
  std::printf("trials recorded as finished in the database: %d of %d (outcome %s)\n", recorded, trials,
              result.outcome == orchestrator::SweepOutcome::Completed ? "completed" : "NOT completed");
  return recorded == trials ? 0 : 1;
}
