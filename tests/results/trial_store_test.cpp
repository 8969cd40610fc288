#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "results/result_store.h"
#include "results/sqlite_connection.h"
#include "store_fixture.h"

using results::MetricPoint;
using results::ResultStore;
using results::StoreError;
using results::TrialState;
using results_test::add_trial;
using results_test::make_sweep;
using results_test::TempDirectory;

TEST_CASE("trial states round-trip through their stored names") {
  for (const TrialState state : {TrialState::Running, TrialState::Finished, TrialState::Failed, TrialState::Diverged,
                                 TrialState::EarlyTerminated, TrialState::Killed}) {
    CHECK(results::parse_trial_state(results::to_string(state)) == state);
  }
  CHECK(results::to_string(TrialState::EarlyTerminated) == "early_terminated");
  CHECK_FALSE(results::parse_trial_state("done").has_value());
}

TEST_CASE("a sweep is created, found, updated, listed and deleted with its trials") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto id = store.create_sweep(make_sweep("adam", "val_loss", "minimize"));
  const auto found = store.find_sweep("adam");
  REQUIRE(found.has_value());
  CHECK(found->id == id);
  CHECK(found->metric == "val_loss");
  CHECK(found->goal == "minimize");
  CHECK(found->state == "running");
  CHECK(found->spec_hash == "hash-of-adam");
  CHECK(found->created_at > 1.6e9);
  CHECK_FALSE(store.find_sweep("other").has_value());

  store.set_sweep_state(id, "finished");
  CHECK(store.find_sweep("adam")->state == "finished");
  CHECK_THROWS_AS(store.set_sweep_state(id, "exploded"), StoreError);  // the CHECK constraint
  CHECK_THROWS_AS(store.set_sweep_state(id + 100, "finished"), StoreError);
  CHECK_THROWS_AS(store.create_sweep(make_sweep("adam")), StoreError);  // names are unique

  const auto trial_id = add_trial(store, id, 1, R"({"lr":0.1})", "val_loss", {0.9, 0.5});
  CHECK(store.metrics(trial_id).size() == 2);
  store.delete_sweep(id);
  CHECK(store.sweeps().empty());
  CHECK(store.metrics(trial_id).empty());  // cascaded
}

TEST_CASE("start, record, finish: every field reads back") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  const auto trial_id = store.start_trial(sweep_id, 7, 2, R"({"lr":0.001,"optimizer":"adam"})", "node-3");

  auto running = store.trial(sweep_id, 7);
  REQUIRE(running.has_value());
  CHECK(running->id == trial_id);
  CHECK(running->state == TrialState::Running);
  CHECK(running->attempt == 2);
  CHECK(running->host == "node-3");
  CHECK_FALSE(running->ended_at.has_value());
  CHECK_FALSE(running->exit_code.has_value());

  store.record_metrics(trial_id, {{1, "val_acc", 0.5}, {1, "loss", 1.5}, {2, "val_acc", 0.75}});
  store.record_metrics(trial_id, {{2, "val_acc", 0.8}});  // the same step again keeps the newer value
  store.set_trial_info(trial_id, R"({"slurm_job":"42"})");
  store.finish_trial(trial_id, TrialState::EarlyTerminated, -15, "line one\nline two", R"({"cause":"hyperband"})");

  const auto finished = store.trial(sweep_id, 7);
  REQUIRE(finished.has_value());
  CHECK(finished->state == TrialState::EarlyTerminated);
  CHECK(finished->exit_code == -15);
  CHECK(finished->log_tail == "line one\nline two");
  CHECK(finished->info_json == R"({"cause":"hyperband"})");
  CHECK(finished->params_json == R"({"lr":0.001,"optimizer":"adam"})");
  REQUIRE(finished->ended_at.has_value());
  CHECK(*finished->ended_at >= finished->started_at);

  const auto points = store.metrics(trial_id);
  REQUIRE(points.size() == 3);
  CHECK(points[0].step == 1);
  CHECK(points[0].name == "loss");
  CHECK(points[2].name == "val_acc");
  CHECK(points[2].value == doctest::Approx(0.8));
}

TEST_CASE("bad writes are refused and leave nothing half-written") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  CHECK_THROWS_AS(store.start_trial(sweep_id, 1, 1, "not json", ""), StoreError);
  CHECK_THROWS_AS(store.start_trial(sweep_id + 9, 1, 1, "{}", ""), StoreError);  // no such sweep
  const auto trial_id = store.start_trial(sweep_id, 1, 1, "{}", "");
  CHECK_THROWS_AS(store.start_trial(sweep_id, 1, 1, "{}", ""), StoreError);  // same number and attempt
  CHECK_THROWS_AS(store.record_metrics(trial_id + 99, {{1, "x", 1.0}}), StoreError);
  CHECK_THROWS_AS(store.finish_trial(trial_id + 99, TrialState::Finished, 0, "", "{}"), StoreError);
  CHECK_THROWS_AS(store.set_trial_info(trial_id, "{broken"), StoreError);
  CHECK(store.trials(sweep_id).size() == 1);
  CHECK(store.metrics(trial_id).empty());
  // The store is still usable after the failures: the rolled-back transactions released the lock.
  store.record_metrics(trial_id, {{1, "x", 1.0}});
  CHECK(store.metrics(trial_id).size() == 1);
}

TEST_CASE("NaN metrics are kept as missing values and never rank first") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto diverged = add_trial(store, sweep_id, 1, "{}", "val_acc", {0.3, nan}, TrialState::Diverged);
  add_trial(store, sweep_id, 2, "{}", "val_acc", {0.4, 0.5});
  const auto points = store.metrics(diverged);
  REQUIRE(points.size() == 2);
  CHECK(std::isnan(points[1].value));
  const auto best = store.best_trials(sweep_id, "val_acc", true, 5);
  REQUIRE(best.size() == 2);
  CHECK(best[0].trial.number == 2);
  CHECK(best[1].value == doctest::Approx(0.3));
}

TEST_CASE("best_trials ranks by each trial's best value for both goals") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  const auto other_sweep = store.create_sweep(make_sweep("other"));
  // Trial 1 peaks high then falls; trial 2 is steady; trial 3 dips lowest.
  add_trial(store, sweep_id, 1, "{}", "m", {0.2, 0.9, 0.5});
  add_trial(store, sweep_id, 2, "{}", "m", {0.6, 0.7});
  add_trial(store, sweep_id, 3, "{}", "m", {0.8, 0.1});
  add_trial(store, sweep_id, 4, "{}", "other_metric", {5.0});
  add_trial(store, other_sweep, 1, "{}", "m", {100.0});

  const auto max_first = store.best_trials(sweep_id, "m", true, 2);
  REQUIRE(max_first.size() == 2);
  CHECK(max_first[0].trial.number == 1);
  CHECK(max_first[0].value == doctest::Approx(0.9));
  CHECK(max_first[1].trial.number == 3);
  CHECK(max_first[1].value == doctest::Approx(0.8));

  const auto min_first = store.best_trials(sweep_id, "m", false, 0);  // k <= 0: all of them
  REQUIRE(min_first.size() == 3);
  CHECK(min_first[0].trial.number == 3);
  CHECK(min_first[0].value == doctest::Approx(0.1));
  CHECK(min_first[1].trial.number == 1);
  CHECK(min_first[2].trial.number == 2);
  CHECK(min_first[2].value == doctest::Approx(0.6));

  CHECK(store.best_trials(sweep_id, "absent", true, 3).empty());
}

TEST_CASE("ties rank the earlier trial first") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  add_trial(store, sweep_id, 2, "{}", "m", {0.5});
  add_trial(store, sweep_id, 1, "{}", "m", {0.5});
  const auto best = store.best_trials(sweep_id, "m", true, 1);
  REQUIRE(best.size() == 1);
  CHECK(best[0].trial.number == 1);
}

TEST_CASE("mark_orphaned_trials turns only that sweep's running trials into killed ones") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  const auto other = store.create_sweep(make_sweep("other"));
  store.start_trial(sweep_id, 1, 1, "{}", "");
  store.start_trial(sweep_id, 2, 1, "{}", "");
  add_trial(store, sweep_id, 3, "{}", "m", {1.0});
  store.start_trial(other, 1, 1, "{}", "");

  CHECK(store.mark_orphaned_trials(sweep_id) == 2);
  CHECK(store.mark_orphaned_trials(sweep_id) == 0);
  for (const int number : {1, 2}) {
    const auto trial = store.trial(sweep_id, number);
    REQUIRE(trial.has_value());
    CHECK(trial->state == TrialState::Killed);
    CHECK(trial->ended_at.has_value());
    CHECK(trial->info_json.find("orphaned") != std::string::npos);
  }
  CHECK(store.trial(sweep_id, 3)->state == TrialState::Finished);
  CHECK(store.trial(other, 1)->state == TrialState::Running);
}

TEST_CASE("a retry keeps the number; trial() returns the latest attempt and summaries count it once") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s"));
  const auto first = store.start_trial(sweep_id, 1, 1, "{}", "");
  store.finish_trial(first, TrialState::Failed, 1, "boom", "{}");
  const auto second = store.start_trial(sweep_id, 1, 2, "{}", "");
  store.record_metrics(second, {{1, "val_acc", 0.7}});
  store.finish_trial(second, TrialState::Finished, 0, "", "{}");

  CHECK(store.trial(sweep_id, 1)->id == second);
  CHECK(store.trials(sweep_id).size() == 2);
  const auto summaries = store.sweep_summaries();
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].trials == 1);
  CHECK(summaries[0].finished == 1);
  CHECK(summaries[0].failed == 0);
  CHECK(summaries[0].best_trial == 1);
}

TEST_CASE("trial summaries give each metric's points, last, min and max") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("s", "val_loss", "minimize"));
  const auto id = store.start_trial(sweep_id, 1, 1, R"({"lr":0.1})", "");
  store.record_metrics(id, {{1, "val_loss", 0.9}, {2, "val_loss", 0.4}, {3, "val_loss", 0.6}, {1, "acc", 0.3}});
  store.start_trial(sweep_id, 2, 1, "{}", "");

  const auto summaries = store.trial_summaries(sweep_id);
  REQUIRE(summaries.size() == 2);
  const results::MetricSummary* loss = summaries[0].metric("val_loss");
  REQUIRE(loss != nullptr);
  CHECK(loss->points == 3);
  CHECK(loss->last_step == 3);
  CHECK(loss->last == doctest::Approx(0.6));
  CHECK(loss->min == doctest::Approx(0.4));
  CHECK(loss->max == doctest::Approx(0.9));
  CHECK(loss->best(false) == doctest::Approx(0.4));
  CHECK(summaries[0].metric("acc") != nullptr);
  CHECK(summaries[1].metrics.empty());
  CHECK(store.metric_names(sweep_id) == std::vector<std::string>{"acc", "val_loss"});

  const auto sweep = store.sweep_summaries().at(0);
  CHECK(sweep.interrupted == 2);  // neither trial finished, and no coordinator runs them (interrupted_test.cpp)
  CHECK(sweep.running == 0);
  CHECK(sweep.best_trial == 1);
  CHECK(*sweep.best_value == doctest::Approx(0.4));
}

TEST_CASE("latest_sweep is the one written to last") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  CHECK_FALSE(store.latest_sweep().has_value());
  const auto a = store.create_sweep(make_sweep("a"));
  store.create_sweep(make_sweep("b"));
  CHECK(store.latest_sweep()->name == "b");
  store.set_sweep_state(a, "stopped");
  CHECK(store.latest_sweep()->name == "a");
  const auto c = store.create_sweep(make_sweep("c"));
  store.set_sweep_state(c, "finished");
  store.start_trial(a, 1, 1, "{}", "");  // a resumed sweep's new trial makes it the latest again
  CHECK(store.latest_sweep()->name == "a");
}

TEST_CASE("a trial's summary keeps the last value of each key, is listed by key, and goes with its sweep") {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  const auto sweep_id = store.create_sweep(make_sweep("adam"));
  const auto trial_id = add_trial(store, sweep_id, 1, R"({"lr":0.1})", "val_acc", {0.5});
  CHECK(store.summary(trial_id).empty());
  store.set_summary(trial_id, {{"test_confusion", "[[1,2],[3,4]]"}, {"best", "0.5"}});
  store.set_summary(trial_id, {{"best", "0.75"}, {"note", R"({"_type":"table","rows":2})"}});
  const auto summary = store.summary(trial_id);
  REQUIRE(summary.size() == 3);
  CHECK(summary[0] == std::pair<std::string, std::string>{"best", "0.75"});
  CHECK(summary[1].first == "note");
  CHECK(summary[2] == std::pair<std::string, std::string>{"test_confusion", "[[1,2],[3,4]]"});
  CHECK_THROWS_AS(store.set_summary(trial_id, {{"bad", "{not json"}}), StoreError);
  CHECK_THROWS_AS(store.set_summary(trial_id + 100, {{"x", "1"}}), StoreError);
  store.delete_sweep(sweep_id);
  CHECK(store.summary(trial_id).empty());
}
