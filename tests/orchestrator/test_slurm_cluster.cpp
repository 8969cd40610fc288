// Integration tests of the Slurm launcher against a real cluster (scripts/slurm-cluster.sh start):
// trials as parallel jobs, early termination, timeouts, refusals, resume after kill -9, and (with
// SWEEP_SLURM_TIME_LIMIT_TEST=1, about 90 s) Slurm's own time limit. Without a cluster each test
// says why it is skipped and passes.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "orchestrator/launch/slurm_control.h"
#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

// Tools if a cluster answers, else nullopt (and the test says it is skipped).
std::optional<orchestrator::SlurmTools> cluster() {
  try {
    const auto tools = orchestrator::find_slurm_tools();
    const fs::path scontrol = fs::path(tools.srun).parent_path() / "scontrol";
    if (orchestrator::run_and_read({scontrol.string(), "ping"}).find("is UP") != std::string::npos) return tools;
  } catch (const std::runtime_error&) {
  }
  MESSAGE("skipped: no Slurm cluster answers `scontrol ping` (start one with scripts/slurm-cluster.sh start)");
  return std::nullopt;
}

struct SlurmRun {
  orchestrator::SweepResult result;
  std::vector<results::TrialRecord> trials;
};

// Runs the spec through the Slurm launcher in this process; `watch` runs beside it (may stop it).
template <class Watch>
SlurmRun run_on_slurm(const fs::path& spec_path, const fs::path& db, Watch watch) {
  orchestrator::SweepSpec spec = orchestrator::load_sweep_spec(spec_path.string());
  spec.launcher = "slurm";
  orchestrator::SchedulerOptions options;
  options.workers = spec.workers > 0 ? spec.workers : 2;
  options.run_cap = spec.run_cap;
  options.termination_grace = 1s;
  options.handle_signals = false;
  orchestrator::Scheduler scheduler(spec, SWEEP_FAKE_TRAINER, options, orchestrator::launcher_factory(spec));
  results::ResultStore store = results::ResultStore::open(db.string());
  const auto sweep = orchestrator::open_sweep(store, spec, false);
  std::atomic<bool> done = false;
  std::thread watcher([&] { watch(scheduler, done); });
  SlurmRun run{scheduler.run(store, sweep.id), {}};
  done = true;
  watcher.join();
  run.trials = store.trials(sweep.id);
  return run;
}

SlurmRun run_on_slurm(const fs::path& spec_path, const fs::path& db) {
  return run_on_slurm(spec_path, db, [](orchestrator::Scheduler&, const std::atomic<bool>&) {});
}

nlohmann::json info_of(const results::TrialRecord& trial) { return nlohmann::json::parse(trial.info_json); }

// Cancelled jobs leave the queue within a few seconds (Slurm's KillWait); anything longer is an orphan.
bool queue_empties(const orchestrator::SlurmTools& tools, const std::string& sweep) {
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (!orchestrator::jobs_named(tools, "sweep-" + sweep + "-").empty()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

std::string hostname() {
  std::array<char, 256> name{};
  ::gethostname(name.data(), name.size() - 1);
  return name.data();
}

}  // namespace

TEST_CASE("slurm: parallel trials run as Slurm jobs and stream their metrics back") {
  const auto tools = cluster();
  if (!tools) return;
  ScratchDir dir;
  const auto spec = write_file(dir / "parallel.yaml", fake_spec("slurm-parallel", R"(method: grid
workers: 2
launcher: slurm
parameters:
  x: {values: [0.5, 0.6, 0.7, 0.8]}
  epochs: {value: 4}
  sleep_ms: {value: 150}
)"));
  const auto run = run_on_slurm(spec, dir / "results.db");
  REQUIRE(run.trials.size() == 4);
  std::set<long> jobs;
  for (const auto& trial : run.trials) {
    CHECK(trial.state == TrialState::Finished);
    const auto info = info_of(trial);
    REQUIRE(info.contains("slurm_job"));
    jobs.insert(info["slurm_job"].get<long>());
    CHECK(info["node"] == hostname());
    CHECK(info["slurm_job_name"] == "sweep-slurm-parallel-" + std::to_string(trial.number));
    CHECK(trial.log_tail.find("fake_trainer: done") != std::string::npos);  // the trial's stderr came back
    CHECK(trial.log_tail.find("launching StepId") == std::string::npos);    // srun's chatter did not
    const auto metrics = results::ResultStore::open_existing((dir / "results.db").string()).metrics(trial.id);
    CHECK(metrics.size() >= 4);
  }
  CHECK(jobs.size() == 4);  // one job per trial
  int overlapping = 0;      // two workers: some trials ran at the same time
  for (const auto& a : run.trials)
    for (const auto& b : run.trials)
      overlapping += a.number < b.number && a.started_at < b.ended_at.value_or(0) && b.started_at < a.ended_at.value_or(0);
  CHECK(overlapping >= 1);
  CHECK(queue_empties(*tools, "slurm-parallel"));
}

TEST_CASE("slurm: early termination cancels the trial's job and keeps its metrics") {
  const auto tools = cluster();
  if (!tools) return;
  ScratchDir dir;
  // One at a time: the good trials set the cutoff at band 2 before the bad one (x = 0) gets there.
  const auto spec = write_file(dir / "hyperband.yaml", fake_spec("slurm-hyperband", R"(method: grid
workers: 1
launcher: slurm
metric: {name: val_acc, goal: maximize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
parameters:
  x: {values: [0.7, 0.8, 0.0]}
  epochs: {value: 8}
  sleep_ms: {value: 150}
)"));
  const auto run = run_on_slurm(spec, dir / "results.db");
  REQUIRE(run.trials.size() == 3);
  CHECK(run.trials[0].state == TrialState::Finished);
  const auto& bad = run.trials[2];
  CHECK(bad.state == TrialState::EarlyTerminated);
  CHECK(info_of(bad).contains("slurm_job"));
  const auto points = results::ResultStore::open_existing((dir / "results.db").string()).metrics(bad.id);
  CHECK(points.size() >= 2);
  CHECK(queue_empties(*tools, "slurm-hyperband"));
}

TEST_CASE("slurm: a trial past its timeout is stopped and its job cancelled") {
  const auto tools = cluster();
  if (!tools) return;
  ScratchDir dir;
  const auto spec = write_file(dir / "timeout.yaml", fake_spec("slurm-timeout", R"(method: grid
launcher: slurm
timeout: 2
parameters:
  x: {value: 0.7}
  hang_at: {value: 2}
)"));
  bool job_seen_running = false;
  const auto run = run_on_slurm(spec, dir / "results.db", [&](orchestrator::Scheduler&, const std::atomic<bool>& done) {
    while (!done && !job_seen_running) {
      job_seen_running = !orchestrator::jobs_named(*tools, "sweep-slurm-timeout-").empty();
      std::this_thread::sleep_for(50ms);
    }
  });
  REQUIRE(run.trials.size() == 1);
  CHECK(job_seen_running);
  CHECK(run.trials[0].state == TrialState::Failed);
  CHECK(info_of(run.trials[0])["cause"].get<std::string>().find("timed out") != std::string::npos);
  CHECK(info_of(run.trials[0]).contains("slurm_job"));
  CHECK(queue_empties(*tools, "slurm-timeout"));
}

TEST_CASE("slurm: a job Slurm refuses fails with Slurm's reason and is not retried") {
  const auto tools = cluster();
  if (!tools) return;
  ScratchDir dir;
  const auto spec = write_file(dir / "refused.yaml", fake_spec("slurm-refused", R"(method: grid
launcher: slurm
retries: 2
slurm: {partition: no-such-partition}
parameters:
  x: {value: 0.7}
)"));
  const auto run = run_on_slurm(spec, dir / "results.db");
  REQUIRE(run.trials.size() == 1);  // a refusal will not improve: no retry
  CHECK(run.trials[0].state == TrialState::Failed);
  const auto info = info_of(run.trials[0]);
  CHECK(info["slurm_refusal"] == "Invalid partition name specified");
  CHECK(info["exit"].get<std::string>().find("Slurm refused the job") != std::string::npos);
}

TEST_CASE("slurm: after kill -9 of the coordinator, resuming leaves no job behind") {
  const auto tools = cluster();
  if (!tools) return;
  ScratchDir dir;
  write_file(dir / "resume.yaml", fake_spec("slurm-resume", R"(method: grid
workers: 2
launcher: slurm
parameters:
  x: {values: [0.1, 0.2, 0.3, 0.4]}
  epochs: {value: 4}
  sleep_ms: {value: 400}
)"));
  const auto db = dir / "results.db";
  {
    SweepProcess sweep(dir.path(), {"run", "resume.yaml"});
    REQUIRE(wait_for(db, "slurm-resume", [](const auto& trials) {
      return count_state(trials, TrialState::Running) == 2;
    }));
    REQUIRE(wait_for(db, "slurm-resume", [&](const auto&) {
      return orchestrator::jobs_named(*tools, "sweep-slurm-resume-").size() == 2;
    }));
    sweep.signal(SIGKILL);
    REQUIRE(sweep.wait());
  }
  SweepProcess again(dir.path(), {"run", "resume.yaml"});
  const auto code = again.wait(60s);
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK(integrity_check(db) == "ok");
  const auto store = results::ResultStore::open_existing(db.string());
  const auto trials = store.trials(store.find_sweep("slurm-resume")->id);
  std::set<int> finished;
  for (const auto& trial : trials)
    if (trial.state == TrialState::Finished) finished.insert(trial.number);
  CHECK(finished == std::set<int>{1, 2, 3, 4});
  CHECK(queue_empties(*tools, "slurm-resume"));
}

TEST_CASE("slurm: Ctrl-C, even twice, leaves no job behind, even of a trial that ignores SIGTERM") {
  const auto tools = cluster();
  if (!tools) return;
  for (const int interrupts : {1, 2}) {
    CAPTURE(interrupts);
    ScratchDir dir;
    write_file(dir / "stubborn.yaml", fake_spec("slurm-ctrl-c", R"(method: grid
workers: 2
launcher: slurm
parameters:
  x: {values: [0.1, 0.2, 0.3]}
  hang_at: {value: 1}
  ignore_sigterm: {value: 1}
)"));
    SweepProcess sweep(dir.path(), {"run", "stubborn.yaml"});
    REQUIRE(wait_for(dir / "results.db", "slurm-ctrl-c", [&](const auto&) {
      return orchestrator::jobs_named(*tools, "sweep-slurm-ctrl-c-").size() == 2;
    }));
    for (int i = 0; i < interrupts; ++i) {
      sweep.signal(SIGINT);
      std::this_thread::sleep_for(100ms);
    }
    const auto code = sweep.wait(30s);
    REQUIRE(code);
    CHECK(*code == 130);
    CHECK(queue_empties(*tools, "slurm-ctrl-c"));
  }
}

TEST_CASE("slurm: inside an allocation trials are its steps, and stopping one spares the allocation") {
  const auto tools = cluster();
  if (!tools) return;
  const fs::path salloc = fs::path(tools->srun).parent_path() / "salloc";
  // An allocation of the whole node, as `salloc` gives a user before they start the coordinator in it.
  orchestrator::run_and_read({salloc.string(), "--no-shell", "--cpus-per-task=2", "--job-name=sweep-test-allocation-1"});
  const auto allocations = orchestrator::jobs_named(*tools, "sweep-test-allocation-");
  REQUIRE(allocations.size() == 1);
  ::setenv("SLURM_JOB_ID", allocations.front().c_str(), 1);
  ScratchDir dir;
  const auto spec = write_file(dir / "steps.yaml", fake_spec("slurm-steps", R"(method: grid
workers: 2
launcher: slurm
timeout: 2
parameters:
  hang_at: {values: [2, 0]}
  x: {values: [0.6, 0.7]}
  sleep_ms: {value: 100}
)"));
  const auto run = run_on_slurm(spec, dir / "results.db");
  ::unsetenv("SLURM_JOB_ID");
  const bool allocation_alive = orchestrator::jobs_named(*tools, "sweep-test-allocation-").size() == 1;
  orchestrator::cancel_jobs_now(*tools, allocations);
  REQUIRE(run.trials.size() == 4);
  for (const auto& trial : run.trials) {
    const auto info = info_of(trial);
    CHECK(info["slurm_job"].get<long>() == std::stol(allocations.front()));
    CHECK(info["slurm_step"].get<std::string>().rfind(allocations.front() + ".", 0) == 0);
  }
  CHECK(run.trials[0].state == TrialState::Failed);  // hung, timed out: its step was cancelled
  CHECK(run.trials[3].state == TrialState::Finished);  // the allocation still ran the later trials
  CHECK(allocation_alive);
}

TEST_CASE("slurm: Slurm's own time limit fails the trial with that cause, and it is retried") {
  const auto tools = cluster();
  if (!tools) return;
  if (std::getenv("SWEEP_SLURM_TIME_LIMIT_TEST") == nullptr) {
    MESSAGE("skipped: set SWEEP_SLURM_TIME_LIMIT_TEST=1 to run it (Slurm limits are whole minutes: ~90 s)");
    return;
  }
  ScratchDir dir;
  const auto spec = write_file(dir / "limit.yaml", fake_spec("slurm-limit", R"(method: grid
launcher: slurm
retries: 1
slurm: {partition: short, time: 1}
parameters:
  x: {value: 0.7}
  hang_at: {value: 2}
)"));
  // The retry would hit the limit again; once it has started, the retry is proven: stop there.
  const auto run = run_on_slurm(spec, dir / "results.db", [&](orchestrator::Scheduler& scheduler,
                                                              const std::atomic<bool>& done) {
    while (!done) {
      if (wait_for(dir / "results.db", "slurm-limit",
                   [](const auto& trials) { return trials.size() == 2; }, 1s)) {
        scheduler.request_stop();
        return;
      }
    }
  });
  REQUIRE(run.trials.size() == 2);
  const auto first = info_of(run.trials[0]);
  CHECK(run.trials[0].state == TrialState::Failed);
  CHECK(first["slurm_cause"] == "time limit");
  CHECK(first["retried"] == true);
  CHECK(run.trials[1].attempt == 2);
  CHECK(queue_empties(*tools, "slurm-limit"));
}
