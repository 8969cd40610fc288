// CoordinatorLock: at most one coordinator runs a given sweep of a given database on this machine,
// so a second `sweep run` cannot mistake the first one's running trials for orphans. An abstract
// Unix socket name is the lock: no file is created, and the kernel frees it when the holder dies,
// even by kill -9. Its name comes from results/coordinator_presence.h, where readers look for it.
#pragma once

#include <optional>
#include <string>

namespace orchestrator {

class CoordinatorLock {
 public:
  // nullopt if another live process holds the lock for this database path and sweep name.
  static std::optional<CoordinatorLock> acquire(const std::string& db_path, const std::string& sweep_name);
  ~CoordinatorLock();
  CoordinatorLock(CoordinatorLock&& other) noexcept;
  CoordinatorLock& operator=(CoordinatorLock&& other) noexcept;
  CoordinatorLock(const CoordinatorLock&) = delete;
  CoordinatorLock& operator=(const CoordinatorLock&) = delete;

 private:
  explicit CoordinatorLock(int socket) : socket_(socket) {}
  int socket_ = -1;
};

}  // namespace orchestrator
