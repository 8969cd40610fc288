// LocalLauncher: runs trials as child processes of the coordinator (Boost.Process, no shell), each
// in its own process group so that stopping a trial reaches the processes it started, and watched by
// a TrialGroupGuardian so that a coordinator's death (even kill -9) reaches them too.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "orchestrator/launch/trial_group_guardian.h"
#include "orchestrator/launch/trial_launcher.h"

namespace orchestrator {

class LocalLauncher : public TrialLauncher {
 public:
  explicit LocalLauncher(boost::asio::io_context& io);
  // Kills and reaps every trial still running: no process outlives its coordinator's launcher.
  ~LocalLauncher() override;
  LocalLauncher(const LocalLauncher&) = delete;
  LocalLauncher& operator=(const LocalLauncher&) = delete;

  std::unique_ptr<RunningTrial> start(const TrialCommand& command, TrialCallbacks callbacks) override;

  class Process;  // one child: its pipes, its exit, its kill timer

 private:
  void wait_for_children();
  void reap_exited_children();

  boost::asio::io_context& io_;
  TrialGroupGuardian guardian_;             // destroyed last: after the children are reaped
  boost::asio::signal_set child_signals_;  // SIGCHLD; the launcher reaps only its own children
  std::map<pid_t, std::shared_ptr<Process>> children_;
  bool waiting_for_children_ = false;
  std::shared_ptr<char> alive_ = std::make_shared<char>();  // lets a late handler see the launcher is gone
};

}  // namespace orchestrator
