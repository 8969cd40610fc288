#include "orchestrator/launch/slurm_control.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <string_view>
#include <stdexcept>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <boost/process/search_path.hpp>

namespace orchestrator {

namespace bp = boost::process;

SlurmTools find_slurm_tools() {
  const auto find = [](const std::string& name) {
    const auto path = bp::search_path(name);
    if (path.empty()) throw std::runtime_error(name + " is not on PATH (is this a Slurm login node?)");
    return path.string();
  };
  return {find("srun"), find("scancel"), find("squeue")};
}

std::string current_user() {
  const passwd* entry = ::getpwuid(::geteuid());
  return entry ? entry->pw_name : std::to_string(::geteuid());
}

std::string run_and_read(const std::vector<std::string>& argv) {
  if (argv.empty()) return {};
  std::error_code error;
  bp::ipstream out;
  bp::child child(bp::exe = argv.front(), bp::args = std::vector<std::string>(argv.begin() + 1, argv.end()),
                  bp::std_in < bp::null, bp::std_out > out, bp::std_err > bp::null, error);
  if (error) return {};
  std::stringstream text;
  text << out.rdbuf();
  child.wait(error);
  return text.str();
}

std::vector<std::string> jobs_named(const SlurmTools& tools, const std::string& prefix) {
  std::istringstream lines(
      run_and_read({tools.squeue, "--noheader", "--user=" + current_user(), "--format=%i %j"}));
  std::vector<std::string> ids;
  std::string id, name;
  // Only "<prefix><trial number>": sweep "a"'s prefix "sweep-a-" must not catch sweep "a-b"'s jobs.
  const auto is_trial_number = [](std::string_view rest) {
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  while (lines >> id >> name)
    if (name.rfind(prefix, 0) == 0 && is_trial_number(std::string_view(name).substr(prefix.size()))) ids.push_back(id);
  return ids;
}

void cancel_jobs_now(const SlurmTools& tools, const std::vector<std::string>& targets) {
  if (targets.empty()) return;
  std::vector<std::string> argv = {tools.scancel, "--quiet"};
  argv.insert(argv.end(), targets.begin(), targets.end());
  run_and_read(argv);
}

}  // namespace orchestrator
