// Fault tests of a coordinator killed with kill -9: its trials' grandchildren die with it, readers
// see the sweep as interrupted until it is resumed, and the resume ends its orphans when they were
// last heard from, not at the resume.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "results/queries.h"
#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

namespace {

bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string field, name, state;
  return !(stat >> field >> name >> state) || state == "Z";
}

// The second pid of a fake_trainer --pid_file ("<pid> <worker pid>"), once written.
pid_t worker_pid(const fs::path& pid_file) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  pid_t trainer = 0, worker = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(pid_file);
    if (in >> trainer >> worker && worker > 0) return worker;
    std::this_thread::sleep_for(10ms);
  }
  return 0;
}

bool all_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (std::all_of(pids.begin(), pids.end(), gone)) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
}

// Two workers of a wrapper-like trainer whose work runs in its child and hangs there.
std::string hanging_wrappers(const fs::path& dir) {
  return fake_spec("wrapped", "method: grid\nworkers: 2\nparameters:\n  pid_file: {values: [" + (dir / "a.pid").string() +
                                  ", " + (dir / "b.pid").string() +
                                  "]}\n  work_in_child: {value: 1}\n  hang_at: {value: 2}\n");
}

bool two_running(const std::vector<results::TrialRecord>& trials) {
  return count_state(trials, TrialState::Running) == 2;
}

}  // namespace

TEST_CASE("fault: kill -9 of the coordinator kills its trials' grandchildren too") {
  ScratchDir dir;
  write_file(dir / "wrapped.yaml", hanging_wrappers(dir.path()));
  SweepProcess sweep(dir.path(), {"run", "wrapped.yaml"});
  REQUIRE(wait_for(dir / "results.db", "wrapped", two_running));
  const std::vector<pid_t> workers = {worker_pid(dir / "a.pid"), worker_pid(dir / "b.pid")};
  REQUIRE(workers[0] > 0);
  REQUIRE(workers[1] > 0);
  CHECK_FALSE(gone(workers[0]));
  sweep.signal(SIGKILL);
  REQUIRE(sweep.wait());
  CHECK(all_gone(workers, 2s));  // re-parented to PID 1 and left running, before the guardian
}

TEST_CASE("fault: after kill -9 readers say interrupted; the resume ends the orphans when last heard from") {
  ScratchDir dir;
  write_file(dir / "wrapped.yaml", hanging_wrappers(dir.path()));
  const auto db = dir / "results.db";
  double killed_at = 0;
  {
    SweepProcess sweep(dir.path(), {"run", "wrapped.yaml"});
    REQUIRE(wait_for(db, "wrapped", two_running));
    REQUIRE(worker_pid(dir / "b.pid") > 0);
    std::this_thread::sleep_for(300ms);
    sweep.signal(SIGKILL);
    killed_at = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    REQUIRE(sweep.wait());
  }

  // No coordinator holds the sweep now: `ls`, `trials` and `show` say so, as text and as JSON.
  SweepProcess ls(dir.path(), {"ls", "--json"});
  REQUIRE(ls.wait() == 0);
  const auto sweeps = nlohmann::json::parse(ls.out());
  REQUIRE(sweeps.size() == 1);
  CHECK(sweeps[0]["state"] == "interrupted");
  CHECK(sweeps[0]["states"]["interrupted"] == 2);
  CHECK(sweeps[0]["states"]["running"] == 0);
  SweepProcess trials(dir.path(), {"trials"});
  REQUIRE(trials.wait() == 0);
  CHECK(trials.out().find("interrupted") != std::string::npos);
  CHECK(trials.out().find("running") == std::string::npos);
  SweepProcess show(dir.path(), {"show", "1", "--json"});
  REQUIRE(show.wait() == 0);
  const auto trial = nlohmann::json::parse(show.out());
  CHECK(trial["state"] == "interrupted");
  CHECK(trial["ended_at"].is_string());  // ended when last heard from, so it has a duration
  {
    const auto store = results::ResultStore::open_existing(db.string());
    const auto sweep = results::resolve_sweep(store, std::string("wrapped"));
    CHECK(sweep.state == "interrupted");
    const auto first = results::resolve_trial(store, sweep, 1);
    CHECK(first.state == TrialState::Interrupted);
    REQUIRE(first.ended_at);
    CHECK(*first.ended_at <= killed_at);
  }

  std::this_thread::sleep_for(1500ms);  // the downtime a resume must not count as compute
  {
    SweepProcess again(dir.path(), {"run", "wrapped.yaml"});
    REQUIRE(wait_for(db, "wrapped", [](const auto& all) {  // the orphans marked, their next attempts running
      return count_state(all, TrialState::Killed) == 2 && count_state(all, TrialState::Running) == 2;
    }));
    again.signal(SIGINT);
    REQUIRE(again.wait() == 130);
  }
  const auto store = results::ResultStore::open_existing(db.string());
  int orphans = 0;
  for (const auto& record : store.trials(store.find_sweep("wrapped")->id)) {
    if (record.info_json.find("orphaned") == std::string::npos) continue;
    ++orphans;
    CAPTURE(record.number);
    REQUIRE(record.ended_at);
    CHECK(*record.ended_at <= killed_at);                   // not the resume's time, 1.5 s later
    CHECK(*record.ended_at >= record.started_at);
    CHECK(killed_at - *record.ended_at < 2.5);              // the heartbeat (2 s) saw them alive
  }
  CHECK(orphans == 2);
}
