// A sweep stored as running reads as interrupted when no coordinator holds it, and as running while
// one does (the lock of orchestrator/run/coordinator_lock.h, looked for without being taken).
#include <doctest/doctest.h>

#include "orchestrator/run/coordinator_lock.h"
#include "results/coordinator_presence.h"
#include "results/queries.h"
#include "store_fixture.h"

using results::ResultStore;
using results::TrialState;
using results_test::make_sweep;
using results_test::TempDirectory;

namespace {

struct LeftRunning {
  TempDirectory dir;
  std::string path = dir.file("results.db");
  ResultStore store = ResultStore::open(path);
  std::int64_t sweep_id = store.create_sweep(make_sweep("left"));
  std::int64_t done = results_test::add_trial(store, sweep_id, 1, "{}", "val_acc", {0.5});
  std::int64_t running = store.start_trial(sweep_id, 2, 1, "{}", "h");
};

}  // namespace

TEST_CASE("interrupted: the lock's name is found by readers exactly while a coordinator holds it") {
  TempDirectory dir;
  const std::string db = dir.file("results.db");
  CHECK_FALSE(results::CoordinatorPresence::look().holds(db, "a"));
  {
    const auto lock = orchestrator::CoordinatorLock::acquire(db, "a");
    REQUIRE(lock);
    const auto presence = results::CoordinatorPresence::look();
    CHECK(presence.holds(db, "a"));
    CHECK(presence.holds(dir.path().string() + "/./results.db", "a"));  // another spelling of the path
    CHECK_FALSE(presence.holds(db, "b"));
    // Looking did not take the lock: a second coordinator is still refused, the holder still holds.
    CHECK_FALSE(orchestrator::CoordinatorLock::acquire(db, "a"));
  }
  CHECK_FALSE(results::CoordinatorPresence::look().holds(db, "a"));
}

TEST_CASE("interrupted: without a coordinator, ls, trials and show see an interrupted sweep") {
  LeftRunning left;
  left.store.heard_from({left.running});
  const auto heard = left.store.trial(left.sweep_id, 2)->heard_at;
  REQUIRE(heard);

  const auto summaries = left.store.sweep_summaries();
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].sweep.state == "interrupted");
  CHECK(summaries[0].interrupted == 1);
  CHECK(summaries[0].running == 0);
  CHECK(summaries[0].finished == 1);

  const auto sweep = results::resolve_sweep(left.store, std::string("left"));
  CHECK(sweep.state == "interrupted");
  const auto trial = results::resolve_trial(left.store, sweep, 2);
  CHECK(trial.state == TrialState::Interrupted);
  CHECK(trial.ended_at == heard);  // when last heard from, not now
  CHECK(results::resolve_trial(left.store, sweep, 1).state == TrialState::Finished);

  const auto trials = left.store.trial_summaries(left.sweep_id);
  REQUIRE(trials.size() == 2);
  CHECK(trials[1].trial.state == TrialState::Interrupted);
  CHECK(results::to_string(trials[1].trial.state) == "interrupted");

  // The raw rows are untouched: the resume still finds the trial running and marks it.
  CHECK(left.store.trial(left.sweep_id, 2)->state == TrialState::Running);
  CHECK(left.store.find_sweep("left")->state == "running");
}

TEST_CASE("interrupted: while a coordinator holds the sweep, it and its trials read as running") {
  LeftRunning left;
  const auto lock = orchestrator::CoordinatorLock::acquire(left.path, "left");
  REQUIRE(lock);
  CHECK(left.store.sweep_summaries()[0].sweep.state == "running");
  CHECK(left.store.sweep_summaries()[0].running == 1);
  const auto sweep = results::resolve_sweep(left.store, std::string("left"));
  CHECK(sweep.state == "running");
  CHECK(results::resolve_trial(left.store, sweep, 2).state == TrialState::Running);
  CHECK(left.store.trial_summaries(left.sweep_id)[1].trial.state == TrialState::Running);
}

TEST_CASE("interrupted: a finished or stopped sweep is never interrupted") {
  LeftRunning left;
  left.store.set_sweep_state(left.sweep_id, "stopped");
  CHECK(left.store.sweep_summaries()[0].sweep.state == "stopped");
  CHECK(left.store.trial_summaries(left.sweep_id)[1].trial.state == TrialState::Running);
}

TEST_CASE("mark_orphaned_trials ends an orphan when it was last heard from, or at its start if never") {
  LeftRunning left;
  const auto silent = left.store.start_trial(left.sweep_id, 3, 1, "{}", "h");
  left.store.record_metrics(left.running, {{1, "val_acc", 0.4}});  // metrics count as hearing from it
  const auto heard = left.store.trial(left.sweep_id, 2)->heard_at;
  REQUIRE(heard);
  CHECK(left.store.mark_orphaned_trials(left.sweep_id) == 2);
  CHECK(left.store.trial(left.sweep_id, 2)->ended_at == heard);
  const auto never = left.store.trial(left.sweep_id, 3);
  CHECK(never->id == silent);
  CHECK(never->ended_at == never->started_at);
}
