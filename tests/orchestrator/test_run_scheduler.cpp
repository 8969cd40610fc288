// Integration tests of the scheduler, run in this process against fake_trainer and a scratch
// database: parallelism, grid exhaustion, timeouts, retries, divergence, hyperband, resume.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

std::vector<results::TrialRecord> trials_of(const fs::path& db, std::int64_t sweep_id) {
  return results::ResultStore::open_existing(db.string()).trials(sweep_id);
}

const results::TrialRecord* find_trial(const std::vector<results::TrialRecord>& trials, int number, int attempt) {
  for (const auto& trial : trials)
    if (trial.number == number && trial.attempt == attempt) return &trial;
  return nullptr;
}

std::vector<results::MetricPoint> metrics_of(const fs::path& db, std::int64_t trial_id, const std::string& name) {
  std::vector<results::MetricPoint> points;
  for (const auto& point : results::ResultStore::open_existing(db.string()).metrics(trial_id))
    if (point.name == name) points.push_back(point);
  return points;
}

}  // namespace

TEST_CASE("run: a grid runs every combination once, two trials at a time") {
  ScratchDir dir;
  const auto spec = write_file(dir / "grid.yaml", fake_spec("grid", R"(method: grid
workers: 2
parameters:
  x: {values: [0.1, 0.3, 0.5, 0.7]}
  epochs: {value: 2}
  sleep_ms: {value: 150}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  CHECK(run.result.outcome == orchestrator::SweepOutcome::Completed);
  CHECK(run.result.progress.done == 4);
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 4);
  std::set<double> xs;
  std::set<int> numbers;
  for (const auto& trial : trials) {
    CHECK(trial.state == TrialState::Finished);
    CHECK(trial.exit_code == 0);
    xs.insert(nlohmann::json::parse(trial.params_json).at("x").get<double>());
    numbers.insert(trial.number);
  }
  CHECK(xs == std::set<double>{0.1, 0.3, 0.5, 0.7});
  CHECK(numbers == std::set<int>{1, 2, 3, 4});

  // At most two at a time, and really two at a time: each trial overlaps another one.
  for (const auto& trial : trials) {
    int overlapping = 0;
    for (const auto& other : trials)
      overlapping += other.id != trial.id && other.started_at < *trial.ended_at && trial.started_at < *other.ended_at;
    CHECK(overlapping >= 1);
    CHECK(overlapping <= 2);  // the one beside it, and the one that replaced its finished partner
  }
  // Two at a time: the trials' run times add up to about twice the sweep's wall time.
  double busy = 0;
  for (const auto& trial : trials) busy += *trial.ended_at - trial.started_at;
  CHECK(busy > 1.5 * run.seconds);

  // Each epoch's metrics are stored, at the step the trial reported.
  const auto acc = metrics_of(dir / "results.db", trials.front().id, "val_acc");
  REQUIRE(acc.size() == 2);
  CHECK(acc[0].step == 1);
  CHECK(acc[1].step == 2);

  // Running it again finds the grid exhausted and starts nothing.
  const auto again = run_in_process(spec, dir / "results.db");
  CHECK(again.sweep_id == run.sweep_id);
  CHECK(again.result.progress.done == 4);
  CHECK(trials_of(dir / "results.db", run.sweep_id).size() == 4);
}

TEST_CASE("run: run_cap bounds a random sweep") {
  ScratchDir dir;
  const auto spec = write_file(dir / "random.yaml", fake_spec("random", R"(method: random
run_cap: 5
seed: 7
workers: 2
parameters:
  x: {min: 0.0, max: 1.0}
  epochs: {value: 1}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  CHECK(run.result.outcome == orchestrator::SweepOutcome::Completed);
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  CHECK(trials.size() == 5);
  std::set<std::string> configs;
  for (const auto& trial : trials) configs.insert(trial.params_json);
  CHECK(configs.size() == 5);
}

TEST_CASE("run: a trial over its timeout is stopped and recorded as failed, with its metrics") {
  ScratchDir dir;
  const auto spec = write_file(dir / "timeout.yaml", fake_spec("timeout", R"(method: grid
timeout: 0.6
parameters:
  hang_at: {values: [2]}
  epochs: {value: 3}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  CHECK(run.seconds < 3);
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 1);
  CHECK(trials[0].state == TrialState::Failed);
  CHECK(trials[0].exit_code == -SIGTERM);
  CHECK(trials[0].info_json.find("timed out") != std::string::npos);
  CHECK(metrics_of(dir / "results.db", trials[0].id, "val_acc").size() == 1);
  CHECK(run.result.progress.failed == 1);
}

TEST_CASE("run: a crashed trial is retried under the same number") {
  ScratchDir dir;
  const auto spec = write_file(dir / "retry.yaml", fake_spec("retry", R"(method: grid
retries: 2
parameters:
  x: {values: [0.5]}
  crash_at: {value: 2}
  crash_attempts: {value: 1}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 2);
  const auto* first = find_trial(trials, 1, 1);
  const auto* second = find_trial(trials, 1, 2);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->state == TrialState::Failed);
  CHECK(first->exit_code == 3);
  CHECK(first->log_tail.find("crashing at epoch 2") != std::string::npos);
  CHECK(second->state == TrialState::Finished);
  CHECK(second->params_json == first->params_json);
  CHECK(run.result.progress.done == 1);
  CHECK(run.result.progress.failed == 0);
}

TEST_CASE("run: without retries left a crash is final") {
  ScratchDir dir;
  const auto spec = write_file(dir / "crash.yaml", fake_spec("crash", R"(method: grid
retries: 1
parameters:
  x: {values: [0.5]}
  crash_at: {value: 1}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 2);  // the first attempt and its one retry
  CHECK(count_state(trials, TrialState::Failed) == 2);
  CHECK(run.result.progress.failed == 1);
  CHECK(run.result.progress.done == 0);
}

TEST_CASE("run: a trial reporting NaN or diverged:true is recorded as diverged") {
  ScratchDir dir;
  const auto spec = write_file(dir / "diverge.yaml", fake_spec("diverge", R"(method: grid
workers: 2
parameters:
  flag_diverged: {values: [0, 1]}
  diverge_at: {value: 2}
  epochs: {value: 30}
  sleep_ms: {value: 20}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 2);
  for (const auto& trial : trials) {
    CHECK(trial.state == TrialState::Diverged);
    CHECK(trial.info_json.find("diverged at step 2") != std::string::npos);
    // Stopped soon after: far fewer than its 30 epochs were reported.
    CHECK(metrics_of(dir / "results.db", trial.id, "val_acc").size() < 10);
  }
  CHECK(run.result.progress.failed == 2);
}

TEST_CASE("run: hyperband stops a trial below the cutoff and keeps its metrics") {
  ScratchDir dir;
  // One at a time: the good trials set the cutoff at band 2 before the bad one gets there.
  const auto spec = write_file(dir / "hyperband.yaml", fake_spec("hyperband", R"(method: grid
workers: 1
metric: {name: val_acc, goal: maximize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
parameters:
  x: {values: [0.7, 0.8, 0.0]}
  epochs: {value: 6}
  sleep_ms: {value: 60}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(trials.size() == 3);
  const auto* good = find_trial(trials, 1, 1);
  const auto* close = find_trial(trials, 2, 1);
  const auto* bad = find_trial(trials, 3, 1);
  REQUIRE((good && close && bad));
  CHECK(good->state == TrialState::Finished);
  CHECK(close->state == TrialState::Finished);
  CHECK(bad->state == TrialState::EarlyTerminated);
  CHECK(bad->info_json.find("hyperband") != std::string::npos);
  const auto bad_points = metrics_of(dir / "results.db", bad->id, "val_acc");
  CHECK(bad_points.size() >= 2);
  CHECK(bad_points.size() < 6);
  CHECK(metrics_of(dir / "results.db", good->id, "val_acc").size() == 6);
  CHECK(run.result.progress.done == 3);  // early-terminated trials count as done
  REQUIRE(run.result.progress.best_trial);
  CHECK(*run.result.progress.best_trial == 1);
}

TEST_CASE("run: bayes with fidelity multi under hyperband tells stopped trials at their budget, and resumes") {
  ScratchDir dir;
  const auto spec = write_file(dir / "multi.yaml", fake_spec("multi", R"(method: bayes
workers: 1
seed: 2
metric: {name: val_acc, goal: maximize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
bayes: {fidelity: multi}
parameters:
  x: {min: 0.0, max: 1.0}
  epochs: {value: 6}
)"));
  const auto first = run_in_process(spec, dir / "results.db", 12);
  CHECK(first.result.outcome == orchestrator::SweepOutcome::Completed);
  CHECK(first.result.progress.done == 12);  // no curve was refused by the optimizer
  const auto trials = trials_of(dir / "results.db", first.sweep_id);
  CHECK(count_state(trials, TrialState::EarlyTerminated) > 0);
  CHECK(count_state(trials, TrialState::Finished) > 0);
  // A resume tells the optimizer the stored curves again, stopped ones included, and goes on.
  const auto second = run_in_process(spec, dir / "results.db", 14);
  CHECK(second.result.progress.done == 14);
  CHECK(second.result.progress.done_here == 2);
}

namespace {

// Proposes its script's configurations in turn, and keeps what the scheduler told it: the running trials
// at each proposal, and every result.
struct ScriptedProposer : orchestrator::TrialProposer {
  struct Heard {
    std::vector<std::vector<orchestrator::PendingTrial>> pending;  // one entry per proposal
    std::vector<std::pair<orchestrator::Config, orchestrator::LearningCurve>> observed;
  };
  ScriptedProposer(std::vector<orchestrator::Config> script, Heard& heard) : script(std::move(script)), heard(heard) {}

  std::optional<orchestrator::Config> propose(int number, const std::vector<orchestrator::PendingTrial>& pending) override {
    heard.pending.push_back(pending);
    if (number > static_cast<int>(script.size())) return std::nullopt;
    return script[static_cast<std::size_t>(number - 1)];
  }
  void observe(const orchestrator::Config& config, const std::optional<orchestrator::LearningCurve>& curve) override {
    heard.observed.emplace_back(config, curve.value_or(orchestrator::LearningCurve{}));
  }
  std::optional<std::uint64_t> limit() const override { return script.size(); }

  std::vector<orchestrator::Config> script;
  Heard& heard;
};

}  // namespace

TEST_CASE("run: with fidelity multi under hyperband, a proposal hears the rungs the running trials passed") {
  for (const std::string fidelity : {"multi", "single"}) {
    CAPTURE(fidelity);
    ScratchDir dir;
    const auto spec = write_file(dir / "rungs.yaml", fake_spec("rungs", R"(method: bayes
workers: 2
metric: {name: val_acc, goal: maximize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
bayes: {fidelity: )" + fidelity + R"(}
parameters:
  x: {min: 0.0, max: 1.0}
)"));
    // Trial 1 reports an epoch every 30 ms; trial 3 is proposed when trial 2 ends, 300 ms in, trial 1 then
    // past rung 2 at least (4 and 8 most likely), and still running.
    const nlohmann::json long_trial{{"x", 0.6}, {"epochs", 20}, {"sleep_ms", 30}};
    ScriptedProposer::Heard heard;
    const auto run = run_in_process(spec, dir / "results.db", std::nullopt,
                                    std::make_unique<ScriptedProposer>(
                                        std::vector<orchestrator::Config>{long_trial,
                                                                          {{"x", 0.5}, {"epochs", 1}, {"sleep_ms", 300}},
                                                                          {{"x", 0.4}, {"epochs", 1}}},
                                        heard));
    CHECK(run.result.progress.done == 3);
    REQUIRE(heard.pending.size() >= 3);
    CHECK(heard.pending[0].empty());
    REQUIRE(heard.pending[1].size() == 1);
    CHECK(heard.pending[1][0].curve_so_far.empty());  // nothing reported yet
    REQUIRE(heard.pending[2].size() == 1);
    const orchestrator::PendingTrial& running = heard.pending[2][0];
    CHECK(running.config == long_trial);
    const auto trials = trials_of(dir / "results.db", run.sweep_id);
    const auto* first = find_trial(trials, 1, 1);
    REQUIRE(first);
    CHECK(first->state == TrialState::Finished);
    // Trial 1 ended after the proposal; its whole curve is told once, when it ended.
    const auto told = std::count_if(heard.observed.begin(), heard.observed.end(),
                                    [&](const auto& observed) { return observed.first == long_trial; });
    CHECK(told == 1);
    if (fidelity == "single") {
      CHECK(running.curve_so_far.empty());  // no optimizer that could use it
      continue;
    }
    // The best val_acc so far at each rung passed, at rung / 20 epochs (the trial's `epochs`).
    const auto points = metrics_of(dir / "results.db", first->id, "val_acc");
    REQUIRE(!running.curve_so_far.empty());
    std::int64_t rung = 2;
    for (const bayesopt::BudgetedValue& point : running.curve_so_far) {
      CHECK(point.budget == doctest::Approx(double(rung) / 20));
      double best = 0;
      for (std::int64_t i = 0; i < rung; ++i) best = std::max(best, points[std::size_t(i)].value);
      CHECK(point.value == best);
      rung *= 2;
    }
    CHECK(running.curve_so_far.back().budget < 1.0);
  }
}

TEST_CASE("run: a stop request records running trials as killed and the sweep as stopped") {
  ScratchDir dir;
  const auto spec_path = write_file(dir / "stop.yaml", fake_spec("stop", R"(method: grid
workers: 2
parameters:
  x: {values: [0.2, 0.4, 0.6]}
  epochs: {value: 100}
  sleep_ms: {value: 50}
)"));
  const orchestrator::SweepSpec spec = orchestrator::load_sweep_spec(spec_path.string());
  orchestrator::SchedulerOptions options;
  options.workers = 2;
  options.termination_grace = 200ms;
  options.handle_signals = false;
  orchestrator::Scheduler scheduler(spec, SWEEP_FAKE_TRAINER, options, orchestrator::launcher_factory(spec));
  auto store = results::ResultStore::open((dir / "results.db").string());
  const auto sweep = orchestrator::open_sweep(store, spec, false);
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    scheduler.request_stop();
  });
  const auto result = scheduler.run(store, sweep.id);
  stopper.join();
  CHECK(result.outcome == orchestrator::SweepOutcome::Interrupted);
  auto trials = store.trials(sweep.id);
  REQUIRE(trials.size() == 2);
  CHECK(count_state(trials, TrialState::Killed) == 2);
  CHECK(store.find_sweep("stop")->state == "stopped");
}

TEST_CASE("run: bayes proposes distinct configurations, and a resumed sweep continues its numbering") {
  ScratchDir dir;
  const auto spec = write_file(dir / "bayes.yaml", fake_spec("bayes", R"(method: bayes
workers: 2
seed: 3
metric: {name: val_acc, goal: maximize}
parameters:
  x: {min: 0.0, max: 1.0}
  epochs: {value: 1}
)"));
  const auto first = run_in_process(spec, dir / "results.db", 4);
  CHECK(first.result.outcome == orchestrator::SweepOutcome::Completed);
  CHECK(first.result.progress.done == 4);
  const auto before = trials_of(dir / "results.db", first.sweep_id);
  REQUIRE(before.size() == 4);

  // A larger cap on the same spec resumes: four kept, the optimizer told of them, two more run.
  const auto second = run_in_process(spec, dir / "results.db", 6);
  CHECK(second.sweep_id == first.sweep_id);
  CHECK(second.result.progress.done == 6);
  CHECK(second.result.progress.done_here == 2);
  const auto after = trials_of(dir / "results.db", first.sweep_id);
  REQUIRE(after.size() == 6);
  std::set<int> numbers;
  std::set<std::string> configs;
  for (const auto& trial : after) {
    CHECK(trial.state == TrialState::Finished);
    numbers.insert(trial.number);
    configs.insert(trial.params_json);
  }
  CHECK(numbers == std::set<int>{1, 2, 3, 4, 5, 6});
  CHECK(configs.size() == 6);
  for (const auto& trial : before) CHECK(find_trial(after, trial.number, 1)->id == trial.id);
}

TEST_CASE("run: no new trial starts once a trial reaches the metric's target") {
  ScratchDir dir;
  const auto spec = write_file(dir / "target.yaml", fake_spec("target", R"(method: random
workers: 1
run_cap: 20
seed: 3
metric: {name: val_acc, goal: maximize, target: 0.74}
parameters:
  x: {min: 0.0, max: 1.0}
  epochs: {value: 2}
)"));
  const auto run = run_in_process(spec, dir / "results.db");
  CHECK(run.result.outcome == orchestrator::SweepOutcome::Completed);
  const auto trials = trials_of(dir / "results.db", run.sweep_id);
  REQUIRE(!trials.empty());
  CHECK(trials.size() > 1);  // with this seed the target takes a few trials
  CHECK(trials.size() < 20);
  for (const auto& trial : trials) {
    double best = 0;
    for (const auto& point : metrics_of(dir / "results.db", trial.id, "val_acc")) best = std::max(best, point.value);
    CAPTURE(trial.number);
    if (trial.number == static_cast<int>(trials.size())) CHECK(best >= 0.74);  // the one that reached it
    else CHECK(best < 0.74);
  }
}

TEST_CASE("run: a sweep whose first trials all fail stops instead of failing forever") {
  ScratchDir dir;
  const auto spec = write_file(dir / "broken.yaml", fake_spec("broken", R"(method: random
workers: 1
parameters:
  x: {min: 0.0, max: 1.0}
  crash_at: {value: 1}
)"));
  const auto run = run_in_process(spec, dir / "results.db");  // no run_cap: only the failures end it
  CHECK(run.result.outcome == orchestrator::SweepOutcome::Failing);
  CHECK(trials_of(dir / "results.db", run.sweep_id).size() == 5);
  CHECK(results::ResultStore::open_existing((dir / "results.db").string()).find_sweep("broken")->state == "stopped");
}
