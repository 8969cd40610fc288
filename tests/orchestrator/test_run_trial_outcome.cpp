#include <doctest/doctest.h>

#include <signal.h>

#include "orchestrator/run/trial_outcome.h"

using orchestrator::decide_outcome;
using orchestrator::TrialEnding;
using orchestrator::TrialExit;
using results::TrialState;

namespace {
TrialExit exited(int code) { return TrialExit{code, std::nullopt, ""}; }
TrialExit signalled(int signal) { return TrialExit{std::nullopt, signal, ""}; }
}  // namespace

TEST_CASE("trial outcome: a clean exit finishes; a crash fails and is retried while attempts remain") {
  CHECK(decide_outcome({std::nullopt, false, exited(0), 1, 0, false}).state == TrialState::Finished);
  const auto crash = decide_outcome({std::nullopt, false, exited(3), 1, 1, false});
  CHECK(crash.state == TrialState::Failed);
  CHECK(crash.retry);
  CHECK(decide_outcome({std::nullopt, false, signalled(SIGSEGV), 2, 2, false}).retry);
  CHECK_FALSE(decide_outcome({std::nullopt, false, exited(3), 2, 1, false}).retry);   // retries used up
  CHECK_FALSE(decide_outcome({std::nullopt, false, exited(3), 1, 1, true}).retry);    // the sweep is stopping
  CHECK_FALSE(decide_outcome({std::nullopt, false, TrialExit{std::nullopt, std::nullopt, "no such file"}, 1, 5,
                              false})
                  .retry);  // a program that cannot start will not start on a second try
}

TEST_CASE("trial outcome: the coordinator's verdict wins over how the process ended") {
  for (const auto verdict : {TrialState::EarlyTerminated, TrialState::Killed, TrialState::Failed}) {
    const auto outcome = decide_outcome({verdict, false, signalled(SIGTERM), 1, 3, false});
    CHECK(outcome.state == verdict);
    CHECK_FALSE(outcome.retry);
  }
  // A divergence reported by a trial that then exits cleanly is still a divergence.
  CHECK(decide_outcome({std::nullopt, true, exited(0), 1, 0, false}).state == TrialState::Diverged);
}

TEST_CASE("trial outcome: exit codes are recorded as codes, signals as their negative") {
  CHECK(orchestrator::recorded_exit_code(exited(3)) == 3);
  CHECK(orchestrator::recorded_exit_code(signalled(SIGKILL)) == -SIGKILL);
  CHECK_FALSE(orchestrator::recorded_exit_code(TrialExit{std::nullopt, std::nullopt, "x"}));
}

TEST_CASE("trial outcome: what the proposer learns") {
  const auto finished = orchestrator::observation_for(TrialState::Finished, 0.9);
  REQUIRE(finished);
  CHECK_FALSE(finished->failure);
  CHECK(finished->value == 0.9);
  CHECK(orchestrator::observation_for(TrialState::EarlyTerminated, 0.4)->value == 0.4);
  CHECK(orchestrator::observation_for(TrialState::Finished, std::nullopt)->failure);  // no metric reported
  CHECK(orchestrator::observation_for(TrialState::Diverged, 0.5)->failure);
  CHECK(orchestrator::observation_for(TrialState::Failed, std::nullopt)->failure);
  CHECK_FALSE(orchestrator::observation_for(TrialState::Killed, 0.9));  // it will run again
}
