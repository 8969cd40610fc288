// Helpers for the run integration tests: a scratch directory, specs that drive fake_trainer, the
// scheduler run in-process, and the `sweep` binary run as a child process.
#pragma once

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "orchestrator/launch/launcher_registry.h"
#include "orchestrator/run/scheduler.h"
#include "orchestrator/run/sweep_opening.h"
#include "orchestrator/spec/sweep_spec.h"
#include "results/result_store.h"
#include "tests/common/scratch_directory.h"

namespace run_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using ScratchDir = test_support::ScratchDirectory;

// A spec running fake_trainer; `body` holds the rest (method, parameters, ...), indented as YAML.
inline std::string fake_spec(const std::string& name, const std::string& body) {
  return "name: " + name + "\nprogram: " + std::string(SWEEP_FAKE_TRAINER) + "\n" + body;
}

inline fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

struct InProcessRun {
  orchestrator::SweepResult result;
  std::int64_t sweep_id = 0;
  double seconds = 0;
};

// Parses the spec and runs it to the end in this process, on the database at db; run_cap
// overrides the spec's, as `sweep run --run-cap` does. proposer: null = the spec's method's.
inline InProcessRun run_in_process(const fs::path& spec_path, const fs::path& db,
                                   std::optional<int> run_cap = std::nullopt,
                                   std::unique_ptr<orchestrator::TrialProposer> proposer = nullptr) {
  const orchestrator::SweepSpec spec = orchestrator::load_sweep_spec(spec_path.string());
  orchestrator::SchedulerOptions options;
  options.workers = spec.workers > 0 ? spec.workers : 2;
  options.run_cap = run_cap ? run_cap : spec.run_cap;
  options.termination_grace = 200ms;
  options.handle_signals = false;
  orchestrator::Scheduler scheduler(spec, SWEEP_FAKE_TRAINER, options, orchestrator::launcher_factory(spec),
                                    std::move(proposer));
  results::ResultStore store = results::ResultStore::open(db.string());
  const auto sweep = orchestrator::open_sweep(store, spec, false);
  const auto started = std::chrono::steady_clock::now();
  InProcessRun run{scheduler.run(store, sweep.id), sweep.id, 0};
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

// `sweep ARGS...` started in `directory`, its stdout and stderr going to files there.
class SweepProcess {
 public:
  SweepProcess(const fs::path& directory, const std::vector<std::string>& args)
      : out_(directory / ("sweep-" + std::to_string(next_serial()) + ".out")),
        err_(fs::path(out_).replace_extension(".err")) {
    std::fflush(nullptr);  // or the child would flush our buffered output a second time
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(directory.c_str()) != 0) ::_exit(127);
      std::FILE* out = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* err = std::freopen(err_.c_str(), "w", stderr);
      if (out == nullptr || err == nullptr) ::_exit(127);
      std::vector<char*> argv;
      std::string binary = SWEEP_BINARY;
      argv.push_back(binary.data());
      std::vector<std::string> copies = args;
      for (std::string& arg : copies) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
  }
  ~SweepProcess() {
    if (!status_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SweepProcess(const SweepProcess&) = delete;
  SweepProcess& operator=(const SweepProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number) const { ::kill(pid_, number); }

  // The exit code (128 + signal if a signal ended it), or nullopt if it did not end in time.
  std::optional<int> wait(std::chrono::milliseconds limit = 20s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!status_) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
      std::this_thread::sleep_for(10ms);
    }
    return status_;
  }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

 private:
  static int next_serial() {
    static int serial = 0;  // each process its own output files, even in the same directory
    return ++serial;
  }
  static std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  fs::path out_, err_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// Polls the database (as another process would, while the sweep writes) until `ready` holds.
template <class Ready>
bool wait_for(const fs::path& db, const std::string& sweep, Ready ready, std::chrono::milliseconds limit = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(db)) {
      try {
        const auto store = results::ResultStore::open_existing(db.string());
        if (const auto found = store.find_sweep(sweep))
          if (ready(store.trials(found->id))) return true;
      } catch (const results::StoreError&) {
        // being created right now; try again
      }
    }
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

inline int count_state(const std::vector<results::TrialRecord>& trials, results::TrialState state) {
  int count = 0;
  for (const auto& trial : trials) count += trial.state == state;
  return count;
}

inline std::string integrity_check(const fs::path& db) {
  sqlite3* connection = nullptr;
  std::string verdict = "could not open";
  if (sqlite3_open_v2(db.c_str(), &connection, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(connection, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  sqlite3_close(connection);
  return verdict;
}

}  // namespace run_test
