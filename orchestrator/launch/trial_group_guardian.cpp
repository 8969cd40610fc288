#include "orchestrator/launch/trial_group_guardian.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>

namespace orchestrator {

namespace {

// Trials watched at once, at most; the table is allocated before the fork, since the guardian (a fork
// of a process that may have threads) must not allocate.
constexpr std::size_t kMaxGroups = 65536;

// The guardian's whole life, in async-signal-safe calls only. Messages are one pid_t each: a group to
// watch (> 0) or to release (< 0). When the coordinator's end of the socket closes, every watched group
// is killed.
[[noreturn]] void guard(int socket, pid_t* groups) {
  std::size_t count = 0;
  for (;;) {
    pid_t message = 0;
    const ssize_t got = ::recv(socket, &message, sizeof message, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got != static_cast<ssize_t>(sizeof message)) break;  // the coordinator is gone (0), or an error
    if (message > 0 && count < kMaxGroups) {
      groups[count++] = message;
    } else if (message < 0) {
      for (std::size_t i = 0; i < count; ++i) {
        if (groups[i] != -message) continue;
        groups[i] = groups[--count];
        break;
      }
    }
  }
  for (std::size_t i = 0; i < count; ++i) ::kill(-groups[i], SIGKILL);
  ::_exit(0);
}

// In the forked child: nothing of the coordinator's stays open (its lock, its database, its trials'
// pipes), and no signal meant for the coordinator's terminal or process group reaches the guardian.
[[noreturn]] void become_guardian(int socket, pid_t* groups) {
  ::setsid();
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) ::signal(signal, SIG_IGN);
  const int null = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null, fd);
  if (socket != 3) {
    ::dup2(socket, 3);
    socket = 3;
  }
  ::close_range(4, ~0U, 0);
  guard(socket, groups);
}

}  // namespace

TrialGroupGuardian::TrialGroupGuardian() {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0)
    throw std::system_error(errno, std::generic_category(), "trial guardian: socketpair");
  const auto groups = std::make_unique<pid_t[]>(kMaxGroups);
  pid_ = ::fork();
  if (pid_ == 0) become_guardian(ends[1], groups.get());
  const int error = errno;
  ::close(ends[1]);
  if (pid_ < 0) {
    ::close(ends[0]);
    throw std::system_error(error, std::generic_category(), "trial guardian: fork");
  }
  socket_ = ends[0];
}

TrialGroupGuardian::~TrialGroupGuardian() {
  ::close(socket_);
  while (::waitpid(pid_, nullptr, 0) == -1 && errno == EINTR) {
  }
}

void TrialGroupGuardian::watch(pid_t group) const { send(group); }

void TrialGroupGuardian::release(pid_t group) const { send(-group); }

void TrialGroupGuardian::send(pid_t message) const {
  // A guardian that died cannot help any more; the coordinator carries on without it (no SIGPIPE).
  while (::send(socket_, &message, sizeof message, MSG_NOSIGNAL) == -1 && errno == EINTR) {
  }
}

}  // namespace orchestrator
