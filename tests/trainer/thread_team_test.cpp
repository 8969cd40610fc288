#include "trainer/thread_team.h"

#include <doctest/doctest.h>

#include <atomic>
#include <vector>

namespace sweep::trainer {
namespace {

TEST_CASE("no thread passes the barrier before all have reached it, round after round") {
  constexpr int kThreads = 4;
  constexpr int kRounds = 2000;
  std::vector<std::atomic<int>> rounds(kThreads);
  std::atomic<int> violations{0};
  Barrier barrier(kThreads);
  run_on_threads(kThreads, [&](int thread) {
    for (int round = 1; round <= kRounds; ++round) {
      rounds[static_cast<std::size_t>(thread)].store(round, std::memory_order_relaxed);
      barrier.arrive_and_wait();
      for (const auto& seen : rounds) violations += seen.load(std::memory_order_relaxed) != round;
      barrier.arrive_and_wait();
    }
  });
  CHECK(violations == 0);
  for (const auto& seen : rounds) CHECK(seen == kRounds);
}

TEST_CASE("run_on_threads calls every thread index once") {
  std::vector<std::atomic<int>> calls(3);
  run_on_threads(3, [&](int thread) { ++calls[static_cast<std::size_t>(thread)]; });
  for (const auto& count : calls) CHECK(count == 1);
}

}  // namespace
}  // namespace sweep::trainer
