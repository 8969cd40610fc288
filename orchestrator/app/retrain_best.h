// `sweep best --retrain [--test]`: runs the best trial's configuration again, with the argv the
// coordinator gave it (plus --test), and stores what it reported in that trial's summary.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "orchestrator/app/query_output.h"

namespace orchestrator::cli {

struct RetrainOptions {
  BestQuery query;                        // which trial is best (top is ignored: the first)
  std::optional<std::string> sweep;       // default: the most recently written sweep
  std::optional<std::string> spec_path;   // the spec file, to find a program given relative to it
  bool test = false;                      // append --test: the trainer evaluates on the test set
  std::chrono::milliseconds grace{5000};  // Ctrl-C: SIGTERM, then SIGKILL after this
};

// Prints the best trial to out (as `sweep best` does), runs it with progress and the child's stderr
// on progress, stores the results, prints the test metrics, and returns the exit code (commands.h).
// The database is open only before and after the run, not while the child trains.
int retrain_best(const RetrainOptions& options, const std::string& db_path, std::ostream& out,
                 std::ostream& progress);

}  // namespace orchestrator::cli
