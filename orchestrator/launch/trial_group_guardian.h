// TrialGroupGuardian: a small process forked beside the coordinator that kills the process groups of
// its running trials if the coordinator dies, even by kill -9, so a trial's grandchildren (a wrapper
// script's python, data-loader workers) do not outlive it; PR_SET_PDEATHSIG reaches only the child.
#pragma once

#include <sys/types.h>

namespace orchestrator {

class TrialGroupGuardian {
 public:
  // Forks the guardian. It ignores the terminal's signals (its own session), so only the end of the
  // coordinator, seen as the end of the socket between them, sets it off. Throws std::system_error.
  TrialGroupGuardian();
  // Ends the guardian (the groups it still watches are killed) and reaps it.
  ~TrialGroupGuardian();
  TrialGroupGuardian(const TrialGroupGuardian&) = delete;
  TrialGroupGuardian& operator=(const TrialGroupGuardian&) = delete;

  // A trial's process group to kill should the coordinator die.
  void watch(pid_t group) const;
  // Call while the group's leader is still unreaped (its id cannot be reused yet): the group is ours
  // no longer to kill.
  void release(pid_t group) const;
  pid_t pid() const { return pid_; }

 private:
  void send(pid_t message) const;
  int socket_ = -1;
  pid_t pid_ = -1;
};

}  // namespace orchestrator
