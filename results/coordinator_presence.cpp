#include "results/coordinator_presence.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <system_error>

namespace results {

namespace {
constexpr std::string_view kPrefix = "sweep-coordinator-";
}

// The same database reached by two spellings of its path must give the same name.
std::string coordinator_lock_name(const std::string& db_path, const std::string& sweep_name) {
  namespace fs = std::filesystem;
  std::error_code ignored;  // a path that cannot be resolved is used as written
  const std::string canonical = fs::weakly_canonical(fs::absolute(db_path, ignored), ignored).string();
  const std::size_t digest = std::hash<std::string>{}(canonical + '\n' + sweep_name);
  return std::string(kPrefix) + std::to_string(digest);
}

CoordinatorPresence CoordinatorPresence::look() {
  CoordinatorPresence presence;
  std::ifstream table("/proc/net/unix");
  if (!table) return presence;
  presence.bound_.emplace();
  // Lines end with the socket's path; an abstract one is shown as '@' and its name.
  for (std::string line; std::getline(table, line);) {
    const std::size_t at = line.find(std::string(" @") + std::string(kPrefix));
    if (at == std::string::npos) continue;
    std::string name = line.substr(at + 2);
    if (const std::size_t end = name.find_first_of(" \t\r"); end != std::string::npos) name.resize(end);
    presence.bound_->insert(std::move(name));
  }
  return presence;
}

bool CoordinatorPresence::holds(const std::string& db_path, const std::string& sweep_name) const {
  return !bound_ || bound_->contains(coordinator_lock_name(db_path, sweep_name));
}

}  // namespace results
