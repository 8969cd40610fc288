// results_bench: the result store's write throughput in the coordinator's pattern (start_trial, a
// few metric batches, finish_trial: one transaction each) beside the same writes with an fsync per
// commit (synchronous=FULL, what a store durable against power loss pays), and the latency of the
// queries behind `sweep ls`, `sweep trials` and `sweep best` on the database just written.
// Usage: results_bench [TRIALS] [EPOCHS]   (default 2000 trials of 5 epochs, 3 metrics per epoch)
// Timings are wall-clock on a shared machine: rerun on a quiet one for stable figures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "results/result_store.h"
#include "results/schema.h"
#include "results/sqlite_connection.h"
#include "results/sqlite_transaction.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string params_of(int number) {
  return R"({"learning_rate":)" + std::to_string(1e-4 * number) + R"(,"optimizer":"adam","batch_size":64})";
}

double metric_value(int number, int epoch) { return 0.5 + 0.4 * epoch / (epoch + 1.0) - 1e-5 * number; }

// The coordinator's pattern through the store.
double write_with_store(const std::string& path, int trials, int epochs) {
  results::ResultStore store = results::ResultStore::open(path);
  results::SweepRecord sweep;
  sweep.name = "bench";
  sweep.method = "random";
  sweep.metric = "val_acc";
  const auto sweep_id = store.create_sweep(sweep);
  const auto start = Clock::now();
  for (int number = 1; number <= trials; ++number) {
    const auto trial = store.start_trial(sweep_id, number, 1, params_of(number), "bench-host");
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      const double value = metric_value(number, epoch);
      store.record_metrics(trial, {{epoch, "val_acc", value}, {epoch, "val_loss", 1 - value}, {epoch, "loss", 0.9 - value}});
    }
    store.finish_trial(trial, results::TrialState::Finished, 0, "done", "{}");
  }
  return seconds_since(start);
}

// The peer: the same transactions and statements, with an fsync at every commit.
double write_with_fsync_per_commit(const std::string& path, int trials, int epochs) {
  results::sqlite::Connection connection(path, results::sqlite::OpenMode::CreateIfMissing);
  results::migrate(connection);
  connection.execute("PRAGMA synchronous=FULL");
  connection.execute(
      "INSERT INTO sweeps (name, spec_text, spec_hash, method, created_at, updated_at) "
      "VALUES ('bench', '', '', 'random', 0, 0)");
  const auto start = Clock::now();
  for (int number = 1; number <= trials; ++number) {
    std::int64_t trial = 0;
    {
      results::sqlite::Transaction transaction(connection);
      auto insert = connection.prepare(
          "INSERT INTO trials (sweep_id, number, attempt, params, state, started_at, host) "
          "VALUES (1, ?, 1, ?, 'running', 0, 'bench-host')");
      insert->bind(1, number);
      insert->bind(2, params_of(number));
      insert->run();
      trial = connection.last_insert_rowid();
      transaction.commit();
    }
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      results::sqlite::Transaction transaction(connection);
      auto insert = connection.prepare("INSERT INTO metrics (trial_id, name, step, value) VALUES (?, ?, ?, ?)");
      const double value = metric_value(number, epoch);
      for (const auto& [name, v] : {std::pair{"val_acc", value}, {"val_loss", 1 - value}, {"loss", 0.9 - value}}) {
        insert->bind(1, trial);
        insert->bind(2, name);
        insert->bind(3, epoch);
        insert->bind(4, v);
        insert->run();
        insert->reset();
      }
      transaction.commit();
    }
    results::sqlite::Transaction transaction(connection);
    auto finish = connection.prepare("UPDATE trials SET state = 'finished', exit_code = 0, ended_at = 1 WHERE id = ?");
    finish->bind(1, trial);
    finish->run();
    transaction.commit();
  }
  return seconds_since(start);
}

template <typename Query>
double milliseconds_per_call(Query query, int repeats) {
  const auto start = Clock::now();
  for (int i = 0; i < repeats; ++i) query();
  return 1000 * seconds_since(start) / repeats;
}

}  // namespace

int main(int argc, char** argv) {
  const int trials = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int epochs = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto dir = std::filesystem::temp_directory_path() / ("results-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string ours = (dir / "store.db").string();
  const std::string peer = (dir / "fsync.db").string();
  const int commits_per_trial = epochs + 2;

  std::printf("results_bench: %d trials x (start + %d metric batches of 3 + finish), %d commits per trial\n",
              trials, epochs, commits_per_trial);
  std::printf("(shared machine: timings are noisy; rerun with `build/bin/results_bench` on a quiet one)\n\n");

  const double store_seconds = write_with_store(ours, trials, epochs);
  const int peer_trials = std::max(1, trials / 10);  // an fsync per commit is slow; a tenth is enough to measure
  const double peer_seconds = write_with_fsync_per_commit(peer, peer_trials, epochs);
  std::printf("%-44s %10s %12s %12s\n", "writes", "trials/s", "ms/trial", "commits/s");
  std::printf("%-44s %10.0f %12.3f %12.0f\n", "ResultStore (WAL, synchronous=NORMAL)", trials / store_seconds,
              1000 * store_seconds / trials, trials * commits_per_trial / store_seconds);
  std::printf("%-44s %10.0f %12.3f %12.0f\n", "same writes, fsync per commit (sync=FULL)", peer_trials / peer_seconds,
              1000 * peer_seconds / peer_trials, peer_trials * commits_per_trial / peer_seconds);
  std::printf("%-44s %10d\n", "target (10x Optuna's SQLite figure of 17/s)", 170);

  const results::ResultStore store = results::ResultStore::open_existing(ours);
  const auto sweep_id = store.find_sweep("bench")->id;
  std::printf("\n%-44s %10s\n", "queries on that database", "ms/call");
  std::printf("%-44s %10.2f\n", "sweep_summaries (sweep ls)",
              milliseconds_per_call([&] { store.sweep_summaries(); }, 20));
  std::printf("%-44s %10.2f\n", "trial_summaries (sweep trials / export)",
              milliseconds_per_call([&] { store.trial_summaries(sweep_id); }, 20));
  std::printf("%-44s %10.2f\n", "best_trials top 5 (sweep best)",
              milliseconds_per_call([&] { store.best_trials(sweep_id, "val_acc", true, 5); }, 20));
  std::filesystem::remove_all(dir);
  return 0;
}
