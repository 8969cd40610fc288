// TrialLauncher: starts one trial's process somewhere (here, or later on a Slurm node) and reports
// its output lines and its end. Every callback runs on the io_context the launcher was built with.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace orchestrator {

// What to run: argv[0] is an absolute program path; no shell is involved.
struct TrialCommand {
  std::vector<std::string> argv;
  std::map<std::string, std::string> environment;  // added to (or replacing in) the coordinator's own
  std::string working_directory;                   // empty: the coordinator's
};

// How a trial's process ended.
struct TrialExit {
  std::optional<int> exit_code;  // set if it exited
  std::optional<int> signal;     // set if a signal ended it
  std::string launch_error;      // set if it never ran (exec failed); the other fields are then empty

  bool succeeded() const { return exit_code && *exit_code == 0; }
  std::string describe() const;  // "exit code 3", "signal 9 (Killed)", "could not start: ..."
};

// The longest output line read whole (16 MiB): a metrics line up to this size is parsed. A longer
// line is delivered cut to this length, and on_line_cut is told.
inline constexpr std::size_t kMaxOutputLine = std::size_t{16} << 20;

enum class OutputStream { Stdout, Stderr };

struct TrialCallbacks {
  std::function<void(std::string_view line)> on_stdout_line;
  std::function<void(std::string_view line)> on_stderr_line;
  // Called once, after every output line was delivered.
  std::function<void(const TrialExit& exit)> on_exit;
  // Optional: after a line over kMaxOutputLine was delivered cut, its whole length in bytes.
  std::function<void(OutputStream stream, std::size_t length)> on_line_cut;
};

// A started trial. Destroying it does not stop the process; call kill() first if that is meant.
class RunningTrial {
 public:
  virtual ~RunningTrial() = default;
  // Asks the trial to stop (SIGTERM to its process group), then kills it after `grace`.
  virtual void terminate(std::chrono::milliseconds grace) = 0;
  // Stops it now (SIGKILL to its process group).
  virtual void kill() = 0;
  // Where it runs, for the trial record: host name (and for Slurm, the job id and node).
  virtual std::string host() const = 0;
  // Launcher facts as a JSON object text ({"pid":123} or {"slurm_job":..}).
  virtual std::string info_json() const = 0;
};

class TrialLauncher {
 public:
  virtual ~TrialLauncher() = default;
  // Starts the trial; a failure to start is reported through on_exit (launch_error), not thrown.
  virtual std::unique_ptr<RunningTrial> start(const TrialCommand& command, TrialCallbacks callbacks) = 0;
};

// Makes a sweep's launcher on the coordinator's event loop (launch/launcher_registry.h picks one by name).
using LauncherFactory = std::function<std::unique_ptr<TrialLauncher>(boost::asio::io_context&)>;

}  // namespace orchestrator
