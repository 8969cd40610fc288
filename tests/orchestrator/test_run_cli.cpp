// Integration tests of `sweep run` as a user runs it: Ctrl-C, a second Ctrl-C, resume after
// kill -9, refusal of a changed spec, refusals before the database exists.
#include <doctest/doctest.h>

#include <map>

#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

std::string slow_grid(const std::string& extra = "") {
  return fake_spec("slow", R"(method: grid
workers: 2
parameters:
  x: {values: [0.1, 0.2, 0.3, 0.4]}
  epochs: {value: 200}
  sleep_ms: {value: 50}
)" + extra);
}

bool two_running(const std::vector<results::TrialRecord>& trials) {
  return count_state(trials, TrialState::Running) == 2;
}

}  // namespace

TEST_CASE("sweep run: Ctrl-C stops the trials, records them as killed, and exits 130") {
  ScratchDir dir;
  write_file(dir / "slow.yaml", slow_grid());
  SweepProcess sweep(dir.path(), {"run", "slow.yaml"});
  REQUIRE(wait_for(dir / "results.db", "slow", two_running));
  std::this_thread::sleep_for(150ms);  // let them report a metric or two
  const auto interrupted = std::chrono::steady_clock::now();
  sweep.signal(SIGINT);
  const auto code = sweep.wait();
  REQUIRE(code);
  CHECK(*code == 130);
  CHECK(std::chrono::steady_clock::now() - interrupted < 3s);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto record = store.find_sweep("slow");
  REQUIRE(record);
  CHECK(record->state == "stopped");
  const auto trials = store.trials(record->id);
  CHECK(trials.size() == 2);
  CHECK(count_state(trials, TrialState::Killed) == 2);
  for (const auto& trial : trials) CHECK(trial.info_json.find("interrupted") != std::string::npos);
  CHECK(sweep.out().find("interrupted") != std::string::npos);
}

TEST_CASE("sweep run: a second Ctrl-C kills trials that ignore SIGTERM at once") {
  ScratchDir dir;
  write_file(dir / "stubborn.yaml", fake_spec("stubborn", R"(method: grid
workers: 2
parameters:
  x: {values: [0.1, 0.2]}
  ignore_sigterm: {value: 1}
  epochs: {value: 200}
  sleep_ms: {value: 50}
)"));
  SweepProcess sweep(dir.path(), {"run", "stubborn.yaml", "--grace", "60"});
  REQUIRE(wait_for(dir / "results.db", "stubborn", two_running));
  std::this_thread::sleep_for(100ms);
  sweep.signal(SIGINT);
  CHECK_FALSE(sweep.wait(400ms));  // the trials ignore SIGTERM and the grace is a minute
  sweep.signal(SIGINT);
  const auto code = sweep.wait(3s);
  REQUIRE(code);
  CHECK(*code == 130);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  CHECK(count_state(store.trials(store.find_sweep("stubborn")->id), TrialState::Killed) == 2);
}

TEST_CASE("sweep run: after kill -9 the same command resumes: finished trials kept, orphans re-run") {
  ScratchDir dir;
  write_file(dir / "resume.yaml", fake_spec("resume", R"(method: grid
workers: 2
parameters:
  x: {values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]}
  epochs: {value: 3}
  sleep_ms: {value: 80}
)"));
  const auto db = dir / "results.db";
  std::map<int, results::TrialRecord> finished_before;
  {
    SweepProcess sweep(dir.path(), {"run", "resume.yaml"});
    REQUIRE(wait_for(db, "resume", [](const auto& trials) {
      return count_state(trials, TrialState::Finished) >= 2 && count_state(trials, TrialState::Running) >= 1;
    }));
    sweep.signal(SIGKILL);
    REQUIRE(sweep.wait());
  }
  {
    const auto store = results::ResultStore::open_existing(db.string());
    for (const auto& trial : store.trials(store.find_sweep("resume")->id))
      if (trial.state == TrialState::Finished) finished_before.emplace(trial.number, trial);
  }
  CHECK(integrity_check(db) == "ok");

  SweepProcess again(dir.path(), {"run", "resume.yaml"});
  const auto code = again.wait();
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK(again.out().find("resuming sweep 'resume'") != std::string::npos);
  CHECK(integrity_check(db) == "ok");

  const auto store = results::ResultStore::open_existing(db.string());
  const auto record = store.find_sweep("resume");
  CHECK(record->state == "finished");
  const auto trials = store.trials(record->id);
  std::map<int, const results::TrialRecord*> latest;
  int killed = 0;
  for (const auto& trial : trials) {
    auto& slot = latest[trial.number];
    if (slot == nullptr || trial.attempt > slot->attempt) slot = &trial;
    killed += trial.state == TrialState::Killed;
  }
  CHECK(latest.size() == 6);  // the grid, exactly
  for (const auto& [number, trial] : latest) CHECK(trial->state == TrialState::Finished);
  CHECK(killed >= 1);  // the orphans, marked killed, then run again as their next attempt
  for (const auto& [number, before] : finished_before) {
    CAPTURE(number);
    REQUIRE(latest.count(number) == 1);
    CHECK(latest[number]->id == before.id);  // kept, not re-run
    CHECK(latest[number]->ended_at == before.ended_at);
  }
}

TEST_CASE("sweep run: a changed spec under the same name is refused unless --restart") {
  ScratchDir dir;
  write_file(dir / "a.yaml", fake_spec("shared", R"(method: grid
parameters:
  x: {values: [0.1, 0.2]}
  epochs: {value: 1}
)"));
  write_file(dir / "b.yaml", fake_spec("shared", R"(method: grid
parameters:
  x: {values: [0.3]}
  epochs: {value: 1}
)"));
  {
    SweepProcess first(dir.path(), {"run", "a.yaml"});
    CHECK(first.wait() == 0);
  }
  {
    SweepProcess changed(dir.path(), {"run", "b.yaml"});
    CHECK(changed.wait() == 2);
    CHECK(changed.err().find("different spec") != std::string::npos);
    CHECK(changed.err().find("--restart") != std::string::npos);
    const auto store = results::ResultStore::open_existing((dir / "results.db").string());
    CHECK(store.trials(store.find_sweep("shared")->id).size() == 2);  // untouched
  }
  SweepProcess restarted(dir.path(), {"run", "b.yaml", "--restart"});
  CHECK(restarted.wait() == 0);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto trials = store.trials(store.find_sweep("shared")->id);
  REQUIRE(trials.size() == 1);
  CHECK(trials[0].params_json.find("0.3") != std::string::npos);
}

TEST_CASE("sweep run: a refused spec or a missing program writes nothing") {
  ScratchDir dir;
  write_file(dir / "bad.yaml", fake_spec("bad", "method: sideways\nparameters:\n  x: {values: [1]}\n"));
  write_file(dir / "missing.yaml",
             "name: missing\nprogram: no_such_trainer_here\nmethod: grid\nparameters:\n  x: {values: [1]}\n");
  for (const char* spec : {"bad.yaml", "missing.yaml", "absent.yaml"}) {
    CAPTURE(spec);
    SweepProcess refused(dir.path(), {"run", spec});
    CHECK(refused.wait() == 2);
    CHECK(refused.err().find("refused") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "results.db"));
  }
}

TEST_CASE("sweep run: the trial gets its number and thread count in its environment") {
  ScratchDir dir;
  write_file(dir / "env.yaml", fake_spec("env", R"(method: grid
threads_per_trial: 3
parameters:
  x: {values: [0.5]}
  epochs: {value: 1}
)"));
  SweepProcess sweep(dir.path(), {"run", "env.yaml"});
  CHECK(sweep.wait() == 0);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto trials = store.trials(store.find_sweep("env")->id);
  REQUIRE(trials.size() == 1);
  CHECK(trials[0].log_tail.find("trial=1 threads=3") != std::string::npos);
}

TEST_CASE("sweep run: a second coordinator of the same sweep is refused while the first runs") {
  ScratchDir dir;
  write_file(dir / "slow.yaml", slow_grid());
  SweepProcess first(dir.path(), {"run", "slow.yaml"});
  REQUIRE(wait_for(dir / "results.db", "slow", two_running));
  {
    SweepProcess second(dir.path(), {"run", "slow.yaml"});
    const auto code = second.wait();
    CAPTURE(second.out());
    CAPTURE(second.err());
    REQUIRE(code);
    CHECK(*code == 2);
    CHECK(second.err().find("another `sweep run`") != std::string::npos);
  }
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  CHECK(count_state(store.trials(store.find_sweep("slow")->id), TrialState::Running) == 2);  // not orphaned
  first.signal(SIGINT);
  CHECK(first.wait() == 130);
}

TEST_CASE("sweep run: trials die with a coordinator killed by kill -9") {
  ScratchDir dir;
  const std::string a = (dir / "a.pid").string(), b = (dir / "b.pid").string();
  write_file(dir / "orphans.yaml", fake_spec("orphans", "method: grid\nworkers: 2\nparameters:\n  pid_file: {values: [" +
                                                            a + ", " + b + "]}\n  hang_at: {value: 1}\n"));
  SweepProcess sweep(dir.path(), {"run", "orphans.yaml"});
  REQUIRE(wait_for(dir / "results.db", "orphans", two_running));
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!(fs::exists(a) && fs::exists(b) && fs::file_size(a) > 0 && fs::file_size(b) > 0) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  pid_t first = 0, second = 0;
  std::ifstream(a) >> first;
  std::ifstream(b) >> second;
  REQUIRE(first > 0);
  REQUIRE(second > 0);
  sweep.signal(SIGKILL);
  REQUIRE(sweep.wait());
  const auto gone = [](pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string field, name, state;
    return !(stat >> field >> name >> state) || state == "Z";
  };
  for (int i = 0; i < 100 && !(gone(first) && gone(second)); ++i) std::this_thread::sleep_for(10ms);
  CHECK(gone(first));
  CHECK(gone(second));
}
