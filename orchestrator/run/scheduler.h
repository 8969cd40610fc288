// run/: running a sweep: the scheduler, hyperband, trial outcomes, metric lines, progress, the lock.
// Scheduler: runs a sweep on one Boost.Asio event loop: keeps `workers` trials running, records
// every state change and metric in the ResultStore, stops trials early (hyperband, timeout,
// divergence), retries crashes, and stops cleanly on SIGINT/SIGTERM (a second one kills at once).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include <boost/asio/io_context.hpp>

#include "orchestrator/run/progress_reporter.h"
#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/trial_launcher.h"
#include "orchestrator/space/trial_proposer.h"
#include "results/result_store.h"

namespace orchestrator {

struct SchedulerOptions {
  int workers = 1;                                     // trials running at once
  std::optional<int> run_cap;                          // trials in the sweep at most (numbers, not attempts)
  std::chrono::milliseconds termination_grace{5000};   // SIGTERM to SIGKILL
  std::ostream* progress = nullptr;                    // where progress goes; null: nowhere
  bool live_progress = false;                          // a redrawn status line (a terminal)
  bool handle_signals = true;                          // SIGINT/SIGTERM stop the sweep
  // Stop if this many trials (their retries included) fail in a row before any trial of this run succeeds.
  int failure_limit = 5;
  // How often the running trials' heard_at is written, so that after a kill -9 of the coordinator its
  // trials end when they were last seen running, not at the resume.
  std::chrono::milliseconds heartbeat{2000};
};

enum class SweepOutcome {
  Completed,    // nothing more to run: grid exhausted, run_cap or metric target reached
  Interrupted,  // SIGINT/SIGTERM or request_stop(); running trials were recorded as killed
  Failing,      // stopped because every trial failed (failure_limit)
};

struct SweepResult {
  SweepOutcome outcome = SweepOutcome::Completed;
  SweepProgress progress;
};

class Scheduler {
 public:
  // program: the resolved program path for ${program}. proposer: where new trials come from; null = the
  // spec's method (make_trial_proposer). Throws SpecError for settings it cannot run, before anything
  // touches the database.
  Scheduler(SweepSpec spec, std::string program, SchedulerOptions options, const LauncherFactory& make_launcher,
            std::unique_ptr<TrialProposer> proposer = nullptr);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs the sweep whose row is sweep_id (see open_sweep) until it completes or is stopped.
  // Resumes from what the store holds: finished trials are kept, killed ones run again, numbering
  // continues. StoreError propagates. Call once.
  SweepResult run(results::ResultStore& store, std::int64_t sweep_id);
  // Like a first Ctrl-C; may be called from any thread.
  void request_stop();

 private:
  class Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace orchestrator
