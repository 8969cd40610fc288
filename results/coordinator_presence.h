// CoordinatorPresence: whether a live `sweep run` on this machine holds a sweep of a database. The
// coordinator's lock (orchestrator/run/coordinator_lock.h) is an abstract Unix socket named here; a
// reader looks for the name among the bound sockets (/proc/net/unix) and never binds it, so a reader
// cannot hold the lock even for a moment and turn a starting coordinator away.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

namespace results {

// The lock's name for a database (any spelling of its path) and a sweep name.
std::string coordinator_lock_name(const std::string& db_path, const std::string& sweep_name);

class CoordinatorPresence {
 public:
  // Reads the names of the bound sockets once. If they cannot be read, every sweep counts as held, so
  // a reader never calls a live sweep interrupted.
  static CoordinatorPresence look();
  bool holds(const std::string& db_path, const std::string& sweep_name) const;

 private:
  std::optional<std::unordered_set<std::string>> bound_;  // abstract names, without the leading '@'
};

}  // namespace results
