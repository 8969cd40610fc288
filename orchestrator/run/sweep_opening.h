// SweepOpening: finds or creates the sweep a `sweep run` writes to. The same spec resumes its sweep
// (trials left running by a coordinator that died are marked); a changed spec is refused.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "orchestrator/spec/sweep_spec.h"
#include "results/result_store.h"

namespace orchestrator {

// A sweep of that name exists with a different spec text; the message says how to proceed.
class SweepConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OpenedSweep {
  std::int64_t id = 0;
  bool resumed = false;  // the sweep existed with this very spec
  int orphaned = 0;      // trials a previous coordinator left running, now marked killed
};

// restart: delete an existing sweep of that name (trials and metrics too) and start anew.
OpenedSweep open_sweep(results::ResultStore& store, const SweepSpec& spec, bool restart);

}  // namespace orchestrator
