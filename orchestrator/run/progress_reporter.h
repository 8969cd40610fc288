// ProgressReporter: tells the user how a sweep goes. On a terminal, one live status line (done,
// running, failed, best so far, elapsed, ETA) under the trial events; otherwise plain log lines.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace orchestrator {

struct SweepProgress {
  int done = 0;     // finished or early-terminated
  int failed = 0;   // failed or diverged
  int killed = 0;
  int running = 0;
  int done_here = 0;                    // trials that ended in this run (for the ETA)
  std::optional<std::uint64_t> total;   // trials the sweep will have (run_cap, grid size)
  std::optional<double> best;           // of the sweep's metric
  std::optional<int> best_trial;
};

class ProgressReporter {
 public:
  // live: redraw a status line in place (stdout is a terminal). metric: the sweep's metric name.
  ProgressReporter(std::ostream& out, bool live, std::string sweep_name, std::string metric);

  void trial_started(int number, int attempt, const std::string& params_json, const SweepProgress& progress);
  // state: "finished", "failed", ...; detail: e.g. "exit code 3" or "stopped by hyperband at step 4".
  void trial_ended(int number, int attempt, const std::string& state, double seconds, std::optional<double> value,
                   const std::string& detail, const SweepProgress& progress);
  void note(const std::string& message, const SweepProgress& progress);  // e.g. "interrupted: ..."
  void refresh(const SweepProgress& progress);  // redraws the live line (elapsed time moves)
  void finish(const SweepProgress& progress);   // the closing summary

 private:
  std::string status(const SweepProgress& progress) const;
  void print_event(const std::string& line, const SweepProgress& progress);

  std::ostream& out_;
  bool live_;
  std::string sweep_name_;
  std::string metric_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// "0.4s", "12s", "3m05s", "1h02m".
std::string format_duration(double seconds);

}  // namespace orchestrator
