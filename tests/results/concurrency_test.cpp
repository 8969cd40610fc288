// Readers and writers on separate connections, as `sweep best` runs beside `sweep run`, and a
// writer that dies without closing the database.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "results/result_store.h"
#include "results/sqlite_connection.h"
#include "store_fixture.h"

using results::ResultStore;
using results::TrialState;
using results::sqlite::Connection;
using results::sqlite::OpenMode;
using results_test::add_trial;
using results_test::make_sweep;
using results_test::TempDirectory;

namespace {

std::int64_t count_trials(Connection& connection) {
  auto statement = connection.prepare("SELECT COUNT(*) FROM trials");
  REQUIRE(statement->step());
  return statement->int64(0);
}

std::string integrity(Connection& connection) {
  auto statement = connection.prepare("PRAGMA integrity_check");
  REQUIRE(statement->step());
  return statement->text(0);
}

}  // namespace

TEST_CASE("an open reader neither blocks the writer nor sees half a write") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  ResultStore writer = ResultStore::open(path);
  const auto sweep_id = writer.create_sweep(make_sweep("s"));
  add_trial(writer, sweep_id, 1, "{}", "m", {1.0});

  Connection reader(path, OpenMode::ExistingOnly);
  reader.execute("BEGIN");  // a long read: its snapshot is fixed at the first SELECT
  CHECK(count_trials(reader) == 1);
  add_trial(writer, sweep_id, 2, "{}", "m", {2.0});  // commits although the reader is open
  CHECK(count_trials(reader) == 1);
  reader.execute("COMMIT");
  CHECK(count_trials(reader) == 2);
}

TEST_CASE("a second writer waits for the lock instead of failing") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  ResultStore store = ResultStore::open(path);
  const auto sweep_id = store.create_sweep(make_sweep("s"));

  Connection other_writer(path, OpenMode::ExistingOnly);
  other_writer.execute("BEGIN IMMEDIATE");
  std::atomic<bool> released = false;
  std::thread holder([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    released = true;
    other_writer.execute("COMMIT");
  });
  const auto started = std::chrono::steady_clock::now();
  store.start_trial(sweep_id, 1, 1, "{}", "");  // blocks on the lock, within the busy timeout
  const auto waited = std::chrono::steady_clock::now() - started;
  holder.join();
  CHECK(released.load());
  CHECK(waited >= std::chrono::milliseconds(150));
  CHECK(store.trials(sweep_id).size() == 1);
}

TEST_CASE("queries from another connection run while a writer records trials") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  constexpr int kTrials = 200;
  std::int64_t sweep_id = 0;
  {
    ResultStore setup = ResultStore::open(path);
    sweep_id = setup.create_sweep(make_sweep("s"));
  }
  std::atomic<bool> done = false;
  std::thread writer_thread([&] {
    ResultStore writer = ResultStore::open(path);
    for (int number = 1; number <= kTrials; ++number) {
      add_trial(writer, sweep_id, number, R"({"lr":0.01})", "val_acc", {0.1, 0.001 * number});
    }
    done = true;
  });

  ResultStore reader = ResultStore::open_existing(path);
  std::size_t last_seen = 0;
  int reads = 0;
  bool monotonic = true;
  while (!done.load() || reads == 0) {
    const auto trials = reader.trial_summaries(sweep_id);
    monotonic = monotonic && trials.size() >= last_seen;
    last_seen = trials.size();
    for (const auto& trial : trials) {
      // A finished trial is always seen with its metrics: start, record and finish commit in order.
      if (trial.trial.state == TrialState::Finished) REQUIRE(trial.metric("val_acc") != nullptr);
    }
    reader.best_trials(sweep_id, "val_acc", true, 3);
    reader.sweep_summaries();
    ++reads;
  }
  writer_thread.join();
  CHECK(monotonic);
  CHECK(reads > 0);
  CHECK(reader.trials(sweep_id).size() == kTrials);
  const auto best = reader.best_trials(sweep_id, "val_acc", true, 1);
  REQUIRE(best.size() == 1);
  CHECK(best[0].trial.number == kTrials);
}

TEST_CASE("every committed trial survives a writer killed with SIGKILL; integrity_check is ok") {
  TempDirectory dir;
  const std::string path = dir.file("results.db");
  constexpr int kTrials = 50;
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child never returns into doctest: it writes, leaves a trial running, and dies uncleanly.
    ResultStore store = ResultStore::open(path);
    const auto sweep_id = store.create_sweep(make_sweep("s"));
    for (int number = 1; number <= kTrials; ++number) add_trial(store, sweep_id, number, "{}", "m", {1.0 * number});
    store.start_trial(sweep_id, kTrials + 1, 1, "{}", "");
    raise(SIGKILL);
    _exit(99);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  ResultStore store = ResultStore::open_existing(path);
  const auto sweep = store.find_sweep("s");
  REQUIRE(sweep.has_value());
  const auto trials = store.trials(sweep->id);
  REQUIRE(trials.size() == kTrials + 1);
  CHECK(trials.back().state == TrialState::Running);
  CHECK(store.mark_orphaned_trials(sweep->id) == 1);
  CHECK(store.best_trials(sweep->id, "m", true, 1).at(0).trial.number == kTrials);
  Connection check(path, OpenMode::ExistingOnly);
  CHECK(integrity(check) == "ok");
}
