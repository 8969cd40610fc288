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
  using orchestrator::observation_for;
  const orchestrator::TrialLength plain{};
  const auto finished = observation_for(TrialState::Finished, {0.5, 0.9, 0.8}, true, plain);
  REQUIRE(finished);
  CHECK_FALSE(finished->failure);
  CHECK(finished->value == 0.9);  // the best, as `sweep best` ranks
  REQUIRE(finished->curve.size() == 1);
  CHECK(finished->curve[0].budget == 1.0);
  CHECK(finished->curve[0].value == 0.9);
  CHECK(observation_for(TrialState::EarlyTerminated, {0.4}, true, plain)->value == 0.4);
  CHECK(observation_for(TrialState::Finished, {0.4, 0.3}, false, plain)->value == 0.3);  // minimised
  CHECK(observation_for(TrialState::Finished, {}, true, plain)->failure);  // no metric reported
  CHECK(observation_for(TrialState::Diverged, {0.5}, true, plain)->failure);
  CHECK(observation_for(TrialState::Failed, {}, true, plain)->failure);
  CHECK_FALSE(observation_for(TrialState::Killed, {0.9}, true, plain));  // it will run again
}

TEST_CASE("trial outcome: a stopped trial's curve is at the budgets it reached; a finished one ends at the full budget") {
  using orchestrator::observation_for;
  const orchestrator::TrialLength length{9, {1, 3, 9}};
  const auto stopped = observation_for(TrialState::EarlyTerminated, {0.2, 0.5, 0.4, 0.6}, true, length);
  REQUIRE(stopped);
  REQUIRE(stopped->curve.size() == 3);  // rungs 1 and 3 passed, then where it ended (4 of 9)
  CHECK(stopped->curve[0].budget == doctest::Approx(1.0 / 9));
  CHECK(stopped->curve[0].value == 0.2);
  CHECK(stopped->curve[1].budget == doctest::Approx(3.0 / 9));
  CHECK(stopped->curve[1].value == 0.5);  // best so far at the rung
  CHECK(stopped->curve[2].budget == doctest::Approx(4.0 / 9));
  CHECK(stopped->curve[2].value == 0.6);
  CHECK(stopped->value == 0.6);
  // Stopped exactly at a rung: that rung is where it ended, told once.
  CHECK(observation_for(TrialState::EarlyTerminated, {0.2, 0.5, 0.4}, true, length)->curve.size() == 2);
  // A trainer that stopped itself (patience) after 5 of 9 epochs finished: its end is the full budget.
  const auto finished = observation_for(TrialState::Finished, {0.2, 0.5, 0.4, 0.6, 0.6}, true, length);
  REQUIRE(finished->curve.size() == 3);
  CHECK(finished->curve.back().budget == 1.0);
  // A trial that reported more than its full length is its own full length: budgets stay within (0, 1].
  const auto longer = observation_for(TrialState::EarlyTerminated, {0.1, 0.2, 0.3}, true, {2, {1}});
  CHECK(longer->curve.front().budget == doctest::Approx(1.0 / 3));
  CHECK(longer->curve.back().budget == 1.0);
}

TEST_CASE("trial outcome: a trial's full length is its epochs, else hyperband's max_iter, else the longest history") {
  using orchestrator::full_length;
  orchestrator::EarlyTerminate max_iter;
  max_iter.max_iter = 27;
  CHECK(full_length(orchestrator::Config{{"epochs", 15}, {"lr", 0.1}}, max_iter, 40) == 15);
  CHECK(full_length(orchestrator::Config{{"epochs", 0}}, max_iter, 40) == 27);       // not a length
  CHECK(full_length(orchestrator::Config{{"epochs", "ten"}}, max_iter, 40) == 27);
  CHECK(full_length(orchestrator::Config{{"lr", 0.1}}, max_iter, 40) == 27);
  CHECK(full_length(orchestrator::Config{{"lr", 0.1}}, std::nullopt, 40) == 40);
  orchestrator::EarlyTerminate min_iter;
  min_iter.min_iter = 3;
  CHECK(full_length(orchestrator::Config{{"lr", 0.1}}, min_iter, 12) == 12);
}

TEST_CASE("trial outcome: a running trial's curve so far is its best value at each rung reached, below the full budget") {
  using orchestrator::curve_so_far;
  const orchestrator::TrialLength length{9, {1, 3, 9}};
  CHECK(curve_so_far({}, true, length).empty());
  // Exactly at rung 3: its value there is known already.
  const orchestrator::LearningCurve at_rung = curve_so_far({0.2, 0.5, 0.4}, true, length);
  REQUIRE(at_rung.size() == 2);
  CHECK(at_rung[1].budget == doctest::Approx(3.0 / 9));
  CHECK(at_rung[1].value == 0.5);  // best so far
  // The points of the curve it would be told with if stopped now, but its end.
  const std::vector<double> history{0.2, 0.5, 0.4, 0.6};
  const orchestrator::LearningCurve so_far = curve_so_far(history, true, length);
  const orchestrator::LearningCurve stopped = orchestrator::observation_for(TrialState::EarlyTerminated, history, true, length)->curve;
  REQUIRE(so_far.size() + 1 == stopped.size());
  for (std::size_t i = 0; i < so_far.size(); ++i) {
    CHECK(so_far[i].budget == stopped[i].budget);
    CHECK(so_far[i].value == stopped[i].value);
  }
  // A trial as long as its full length (here its own history's) has no point at budget 1 before it ends.
  const orchestrator::LearningCurve full = curve_so_far({0.3, 0.2, 0.1}, false, {0, {1, 3}});
  REQUIRE(full.size() == 1);
  CHECK(full[0].budget == doctest::Approx(1.0 / 3));
  CHECK(full[0].value == 0.3);
}
