#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "orchestrator/launch/local_launcher.h"

using namespace std::chrono_literals;
using orchestrator::LocalLauncher;
using orchestrator::TrialCallbacks;
using orchestrator::TrialCommand;
using orchestrator::TrialExit;

namespace {

struct Captured {
  std::vector<std::string> out, err;
  std::optional<TrialExit> exit;
  std::vector<std::size_t> stdout_cuts;  // lengths of the stdout lines over the limit
};

TrialCallbacks capture(Captured& captured) {
  return {[&](std::string_view line) { captured.out.emplace_back(line); },
          [&](std::string_view line) { captured.err.emplace_back(line); },
          [&](const TrialExit& exit) { captured.exit = exit; },
          [&](orchestrator::OutputStream stream, std::size_t length) {
            if (stream == orchestrator::OutputStream::Stdout) captured.stdout_cuts.push_back(length);
          }};
}

TrialCommand fake(std::vector<std::string> flags) {
  TrialCommand command;
  command.argv = {SWEEP_FAKE_TRAINER};
  command.argv.insert(command.argv.end(), flags.begin(), flags.end());
  return command;
}

// Alive and not a zombie (a zombie's pid still answers kill(pid, 0)).
bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, name, state;
  return stat >> pid_field >> name >> state && state != "Z";
}

std::filesystem::path scratch_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
}

}  // namespace

TEST_CASE("local launcher: delivers stdout and stderr lines in order, then the exit") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  Captured captured;
  TrialCommand command = fake({"--x=0.3", "--epochs=2", "--chatter=2"});
  command.environment = {{"SWEEP_TRIAL", "7"}, {"OMP_NUM_THREADS", "1"}};
  const auto trial = launcher.start(command, capture(captured));
  io.run();
  REQUIRE(captured.exit);
  CHECK(captured.exit->succeeded());
  CHECK(captured.exit->describe() == "exit code 0");
  REQUIRE(captured.out.size() == 1 + 2 * 3);
  CHECK(captured.out[0] == "fake_trainer: x=0.3 epochs=2 trial=7 threads=1");
  CHECK(captured.out[3].starts_with("{\"epoch\": 1,"));
  CHECK(captured.out[6].starts_with("{\"epoch\": 2,"));
  CHECK(captured.err.back() == "fake_trainer: done");
  CHECK(trial->info_json().starts_with("{\"pid\":"));
  CHECK_FALSE(trial->host().empty());
}

TEST_CASE("local launcher: reports a crash's exit code and a program that cannot start") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  Captured crashed, missing;
  launcher.start(fake({"--crash_at=2"}), capture(crashed));
  launcher.start(TrialCommand{{"/nonexistent/program", "--x=1"}, {}, {}}, capture(missing));
  io.run();
  REQUIRE(crashed.exit);
  CHECK(crashed.exit->exit_code == 3);
  CHECK(crashed.out.size() == 2);  // banner and epoch 1
  REQUIRE(missing.exit);
  CHECK_FALSE(missing.exit->exit_code);
  CHECK(missing.exit->describe().find("/nonexistent/program") != std::string::npos);
}

TEST_CASE("local launcher: terminate escalates to SIGKILL and reaches the trial's children") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  Captured captured;
  const auto pid_file = scratch_file("sweep-launcher-pids");
  const auto trial = launcher.start(
      fake({"--hang_at=1", "--ignore_sigterm=1", "--spawn_sleeper=1", "--pid_file=" + pid_file.string()}),
      capture(captured));
  // Terminate once it has printed its banner (so its SIGTERM handler is in place).
  boost::asio::steady_timer poll(io);
  std::function<void()> wait_banner = [&] {
    if (!captured.out.empty()) return trial->terminate(100ms);
    poll.expires_after(5ms);
    poll.async_wait([&](const boost::system::error_code&) { wait_banner(); });
  };
  wait_banner();
  const auto started = std::chrono::steady_clock::now();
  io.run();
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(captured.exit);
  CHECK(captured.exit->signal == SIGKILL);  // SIGTERM was ignored
  CHECK(took >= 100ms);
  CHECK(took < 3s);
  pid_t leader = 0, sleeper = 0;
  std::ifstream(pid_file) >> leader >> sleeper;
  std::filesystem::remove(pid_file);
  REQUIRE(sleeper > 0);
  // The grandchild was in the trial's process group, so it was killed too (allow it to be reaped).
  for (int i = 0; i < 100 && process_alive(sleeper); ++i) std::this_thread::sleep_for(10ms);
  CHECK_FALSE(process_alive(sleeper));
}

TEST_CASE("local launcher: a trial's leftover child does not keep the trial from ending") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  Captured captured;
  launcher.start(fake({"--epochs=1", "--spawn_sleeper=1"}), capture(captured));
  const auto started = std::chrono::steady_clock::now();
  io.run();
  REQUIRE(captured.exit);
  CHECK(captured.exit->exit_code == 0);
  CHECK(std::chrono::steady_clock::now() - started < 3s);
}

TEST_CASE("local launcher: trials run side by side") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> second_started, first_ended;
  std::optional<TrialExit> first_exit, second_exit;
  launcher.start(fake({"--epochs=2", "--sleep_ms=150"}),
                 TrialCallbacks{nullptr, nullptr, [&](const TrialExit& exit) {
                                  first_ended = Clock::now();
                                  first_exit = exit;
                                }, nullptr});
  launcher.start(fake({"--epochs=2", "--sleep_ms=150"}),
                 TrialCallbacks{[&](std::string_view) {
                                  if (!second_started) second_started = Clock::now();
                                },
                                nullptr, [&](const TrialExit& exit) { second_exit = exit; }, nullptr});
  io.run();
  REQUIRE(first_exit);
  REQUIRE(second_exit);
  CHECK(first_exit->succeeded());
  CHECK(second_exit->succeeded());
  REQUIRE(second_started);
  REQUIRE(first_ended);
  CHECK(*second_started < *first_ended);  // the second printed its banner while the first still ran
}

TEST_CASE("local launcher: a line over the limit is delivered cut, its length reported, and the next line whole") {
  boost::asio::io_context io;
  LocalLauncher launcher(io);
  Captured captured;
  const std::size_t over = orchestrator::kMaxOutputLine + 1000;
  launcher.start(fake({"--epochs=2", "--big_line_bytes=" + std::to_string(over)}), capture(captured));
  io.run();
  REQUIRE(captured.exit);
  CHECK(captured.exit->succeeded());
  REQUIRE(captured.stdout_cuts.size() == 1);
  CHECK(captured.stdout_cuts[0] > over);  // the whole line: the blob and the JSON around it
  REQUIRE(captured.out.size() == 3);      // the banner, the cut line, epoch 2
  CHECK(captured.out[1].size() == orchestrator::kMaxOutputLine);
  CHECK(captured.out[2].starts_with("{\"epoch\": 2,"));
}
