#include "orchestrator/run/coordinator_lock.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "results/coordinator_presence.h"

namespace orchestrator {

std::optional<CoordinatorLock> CoordinatorLock::acquire(const std::string& db_path, const std::string& sweep_name) {
  const int socket = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (socket < 0) throw std::system_error(errno, std::generic_category(), "coordinator lock: socket");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string name = results::coordinator_lock_name(db_path, sweep_name);
  // A leading NUL byte puts the name in the abstract namespace.
  std::memcpy(address.sun_path + 1, name.data(), name.size());
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  if (::bind(socket, reinterpret_cast<const sockaddr*>(&address), length) == 0) return CoordinatorLock(socket);
  const int error = errno;
  ::close(socket);
  if (error == EADDRINUSE) return std::nullopt;
  throw std::system_error(error, std::generic_category(), "coordinator lock: bind");
}

CoordinatorLock::~CoordinatorLock() {
  if (socket_ >= 0) ::close(socket_);
}

CoordinatorLock::CoordinatorLock(CoordinatorLock&& other) noexcept : socket_(other.socket_) { other.socket_ = -1; }

CoordinatorLock& CoordinatorLock::operator=(CoordinatorLock&& other) noexcept {
  if (this != &other) {
    if (socket_ >= 0) ::close(socket_);
    socket_ = other.socket_;
    other.socket_ = -1;
  }
  return *this;
}

}  // namespace orchestrator
