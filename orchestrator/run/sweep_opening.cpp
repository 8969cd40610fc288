#include "orchestrator/run/sweep_opening.h"


namespace orchestrator {

namespace {

results::SweepRecord new_sweep_record(const SweepSpec& spec) {
  results::SweepRecord record;
  record.name = spec.name;
  record.spec_text = spec.text;
  record.spec_hash = spec.hash;
  record.method = spec.method;
  record.metric = spec.metric ? spec.metric->name : "";
  record.goal = spec.metric && !spec.metric->maximize ? "minimize" : "maximize";
  record.state = "running";
  return record;
}

}  // namespace

OpenedSweep open_sweep(results::ResultStore& store, const SweepSpec& spec, bool restart) {
  const auto existing = store.find_sweep(spec.name);
  if (existing && existing->spec_hash != spec.hash && !restart)
    throw SweepConflict("sweep '" + spec.name + "' already exists in " + store.path() +
                        " with a different spec; give this spec another `name`, or run it with --restart "
                        "to delete the old sweep's trials and start anew");
  if (existing && existing->spec_hash == spec.hash && !restart) {
    OpenedSweep opened{existing->id, true, store.mark_orphaned_trials(existing->id)};
    store.set_sweep_state(existing->id, "running");
    return opened;
  }
  if (existing) store.delete_sweep(existing->id);
  return OpenedSweep{store.create_sweep(new_sweep_record(spec)), false, 0};
}

}  // namespace orchestrator
