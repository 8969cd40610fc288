#include "orchestrator/launch/local_launcher.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <string_view>
#include <system_error>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/async_pipe.hpp>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/start_dir.hpp>

namespace orchestrator {

namespace bp = boost::process;

namespace {

std::string this_host() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "localhost";
  return name.data();
}

// Child-side setup: its own process group (so signals reach its descendants, and the terminal's
// Ctrl-C reaches only the coordinator), no coordinator descriptor leaked into the trial, and death
// with the coordinator: a coordinator killed with -9 leaves no trial running unwatched.
struct TrialProcessSetup : bp::extend::handler {
  pid_t coordinator = ::getpid();
  char** environment = nullptr;  // NAME=VALUE strings, null-terminated; owned by the caller

  template <class Executor>
  void on_setup(Executor& exec) const {
    exec.env = environment;
  }

  template <class Executor>
  void on_exec_setup(Executor&) const {
    ::setpgid(0, 0);
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != coordinator) ::_exit(127);  // it died before prctl took effect
  }
  // Also from the parent, so a signal sent right after start cannot miss the group.
  template <class Executor>
  void on_success(Executor& exec) const {
    ::setpgid(exec.pid, exec.pid);
  }
  // A child whose exec failed has exited; reap it so it does not stay a zombie.
  template <class Executor>
  void on_error(Executor& exec, const std::error_code&) const {
    if (exec.pid > 0) ::waitpid(exec.pid, nullptr, 0);
  }
};

// Splits a byte stream into lines and hands each to a callback. A line longer than kMaxOutputLine is
// delivered cut to that length, the rest of it is dropped, and `cut` then learns its whole length, so
// the coordinator's memory stays bounded whatever a trial prints.
class LineSplitter {
 public:
  template <class Deliver, class Cut>
  void feed(std::string_view input, Deliver&& deliver, Cut&& cut) {
    while (!input.empty()) {
      const std::size_t newline = input.find('\n');
      const std::string_view piece = input.substr(0, newline);
      if (newline != std::string_view::npos && pending_.empty() && cut_length_ == 0 && piece.size() <= kMaxOutputLine) {
        deliver(piece);  // the common case: a whole line within one read, delivered without a copy
      } else if (cut_length_ > 0) {
        cut_length_ += piece.size();
      } else {
        pending_.append(piece);
        if (pending_.size() > kMaxOutputLine) {
          cut_length_ = pending_.size();
          pending_.resize(kMaxOutputLine);
          deliver(std::string_view(pending_));
          pending_.clear();
        }
      }
      if (newline == std::string_view::npos) return;
      end_line(deliver, cut);
      input.remove_prefix(newline + 1);
    }
  }
  template <class Deliver, class Cut>
  void finish(Deliver&& deliver, Cut&& cut) {
    if (!pending_.empty() || cut_length_ > 0) end_line(deliver, cut);
  }

 private:
  template <class Deliver, class Cut>
  void end_line(Deliver&& deliver, Cut&& cut) {
    if (cut_length_ > 0) cut(cut_length_);
    else if (!pending_.empty()) deliver(std::string_view(pending_));
    pending_.clear();
    cut_length_ = 0;
  }

  std::string pending_;         // the start of a line whose newline has not come yet
  std::size_t cut_length_ = 0;  // > 0: inside a line over the limit, this long so far
};

// The coordinator's environment with the trial's variables added or replaced, as execve wants it.
// (Built by hand: Boost.Process 1.74's environment lookup reads past the end of shorter entries.)
class TrialEnvironment {
 public:
  explicit TrialEnvironment(const std::map<std::string, std::string>& additions) {
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string_view text(*entry);
      if (!additions.contains(std::string(text.substr(0, text.find('='))))) entries_.emplace_back(text);
    }
    for (const auto& [name, value] : additions) entries_.push_back(name + '=' + value);
    for (std::string& entry : entries_) pointers_.push_back(entry.data());
    pointers_.push_back(nullptr);
  }
  char** get() { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

}  // namespace

class LocalLauncher::Process : public std::enable_shared_from_this<Process> {
 public:
  Process(boost::asio::io_context& io, TrialCallbacks callbacks)
      : out_(io), err_(io), kill_timer_(io), callbacks_(std::move(callbacks)) {}

  bp::async_pipe& out_pipe() { return out_; }
  bp::async_pipe& err_pipe() { return err_; }
  void set_pid(pid_t pid) { pid_ = pid; }
  pid_t pid() const { return pid_; }

  void start_reading() {
    read(out_, out_lines_, out_buffer_, callbacks_.on_stdout_line, OutputStream::Stdout, out_done_);
    read(err_, err_lines_, err_buffer_, callbacks_.on_stderr_line, OutputStream::Stderr, err_done_);
  }

  void signal_group(int signal) const {
    if (pid_ > 0 && !reaped_) ::kill(-pid_, signal);
  }

  void terminate(std::chrono::milliseconds grace) {
    if (reaped_ || terminating_) return;
    terminating_ = true;
    signal_group(SIGTERM);
    kill_timer_.expires_after(grace);
    kill_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
      if (!error) self->signal_group(SIGKILL);
    });
  }

  // The leader is a zombie (found with WNOWAIT, so its pid, and thus the group id, cannot be
  // reused yet): stop whatever it left behind in its group, then reap it.
  void reap() {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) == -1 && errno == EINTR) {
    }
    reaped_ = true;
    kill_timer_.cancel();
    if (WIFEXITED(status)) exit_.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) exit_.signal = WTERMSIG(status);
    maybe_finish();
  }

  void fail_to_launch(const std::string& message) {
    exit_.launch_error = message;
    reaped_ = out_done_ = err_done_ = true;
    maybe_finish();
  }

 private:
  void read(bp::async_pipe& pipe, LineSplitter& lines, std::array<char, 65536>& buffer,
            const std::function<void(std::string_view)>& deliver, OutputStream stream, bool& done) {
    pipe.async_read_some(boost::asio::buffer(buffer),
                         [self = shared_from_this(), &pipe, &lines, &buffer, &deliver, stream, &done](
                             const boost::system::error_code& error, std::size_t size) {
                           const auto emit = [&deliver](std::string_view line) {
                             if (deliver) deliver(line);
                           };
                           const auto cut = [&self, stream](std::size_t length) {
                             if (self->callbacks_.on_line_cut) self->callbacks_.on_line_cut(stream, length);
                           };
                           lines.feed(std::string_view(buffer.data(), size), emit, cut);
                           if (!error) return self->read(pipe, lines, buffer, deliver, stream, done);
                           lines.finish(emit, cut);
                           done = true;
                           self->maybe_finish();
                         });
  }

  void maybe_finish() {
    if (!reaped_ || !out_done_ || !err_done_ || finished_) return;
    finished_ = true;
    if (callbacks_.on_exit) callbacks_.on_exit(exit_);
  }

  bp::async_pipe out_, err_;
  std::array<char, 65536> out_buffer_{}, err_buffer_{};
  LineSplitter out_lines_, err_lines_;
  boost::asio::steady_timer kill_timer_;
  TrialCallbacks callbacks_;
  TrialExit exit_;
  pid_t pid_ = -1;
  bool out_done_ = false, err_done_ = false, reaped_ = false, finished_ = false, terminating_ = false;
};

namespace {

class LocalTrial : public RunningTrial {
 public:
  LocalTrial(std::shared_ptr<LocalLauncher::Process> process, std::string host)
      : process_(std::move(process)), host_(std::move(host)) {}
  void terminate(std::chrono::milliseconds grace) override { process_->terminate(grace); }
  void kill() override { process_->signal_group(SIGKILL); }
  std::string host() const override { return host_; }
  std::string info_json() const override { return "{\"pid\":" + std::to_string(process_->pid()) + "}"; }

 private:
  std::shared_ptr<LocalLauncher::Process> process_;
  std::string host_;
};

}  // namespace

LocalLauncher::LocalLauncher(boost::asio::io_context& io) : io_(io), child_signals_(io, SIGCHLD) {}

LocalLauncher::~LocalLauncher() {
  boost::system::error_code ignored;
  child_signals_.cancel(ignored);
  for (auto& [pid, process] : children_) {
    process->signal_group(SIGKILL);
    guardian_.release(pid);
    ::waitpid(pid, nullptr, 0);
  }
}

std::unique_ptr<RunningTrial> LocalLauncher::start(const TrialCommand& command, TrialCallbacks callbacks) {
  static const std::string host = this_host();
  auto process = std::make_shared<Process>(io_, std::move(callbacks));
  std::error_code error;
  std::vector<std::string> args(command.argv.begin() + (command.argv.empty() ? 0 : 1), command.argv.end());
  bp::child child;
  if (command.argv.empty()) {
    error = std::make_error_code(std::errc::invalid_argument);
  } else {
    const std::string directory = command.working_directory.empty() ? "." : command.working_directory;
    TrialEnvironment environment(command.environment);
    TrialProcessSetup setup;
    setup.environment = environment.get();
    child = bp::child(bp::exe = command.argv.front(), bp::args = args, bp::std_in < bp::null,
                      bp::std_out > process->out_pipe(), bp::std_err > process->err_pipe(),
                      bp::start_dir = directory, setup, error);
  }
  if (error || !child.valid()) {
    const std::string message = (command.argv.empty() ? std::string("empty command") : command.argv.front()) + ": " +
                                error.message();
    boost::asio::post(io_, [process, message] { process->fail_to_launch(message); });
    return std::make_unique<LocalTrial>(process, host);
  }
  process->set_pid(child.id());
  guardian_.watch(process->pid());  // its group id is its pid (TrialProcessSetup)
  child.detach();  // this launcher reaps it (see reap_exited_children)
  children_.emplace(process->pid(), process);
  if (!waiting_for_children_) wait_for_children();
  process->start_reading();
  return std::make_unique<LocalTrial>(process, host);
}

// Waits only while there are children, so that an idle launcher does not keep io_context::run()
// from returning. A SIGCHLD that comes while nobody waits is kept by the signal_set.
void LocalLauncher::wait_for_children() {
  waiting_for_children_ = true;
  child_signals_.async_wait([this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& error, int) {
    if (alive.expired()) return;  // the launcher is gone; its cancelled wait still runs
    waiting_for_children_ = false;
    if (error) return;
    reap_exited_children();
    if (!children_.empty() && !waiting_for_children_) wait_for_children();
  });
}

void LocalLauncher::reap_exited_children() {
  std::vector<std::shared_ptr<Process>> exited;
  for (const auto& [pid, process] : children_) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
      exited.push_back(process);
  }
  // Erase first: a callback run by reap() may start the next trial and touch children_.
  for (const auto& process : exited) {
    children_.erase(process->pid());
    guardian_.release(process->pid());  // before the reap, which frees the group's id for reuse
  }
  for (const auto& process : exited) process->reap();
}

}  // namespace orchestrator
