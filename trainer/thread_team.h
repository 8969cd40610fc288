// Runs one function on N threads (the caller being thread 0), with a barrier for them that spins briefly
// and then sleeps: as fast as spinning when the cores are free, and polite when they are shared with other
// trials (OpenMP's default spinning made 2-thread epochs 5-10x slower on a loaded machine).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace sweep::trainer {

class Barrier {
 public:
  explicit Barrier(int parties) : parties_(parties) {}
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  // Returns once all `parties` threads have called it; memory written before the call by any of them is
  // visible to all after it.
  void arrive_and_wait();

 private:
  const int parties_;
  std::atomic<int> arrived_{0};
  std::atomic<std::uint32_t> generation_{0};
};

// Calls work(0) .. work(threads - 1) concurrently and returns when all have returned.
void run_on_threads(int threads, const std::function<void(int thread)>& work);

}  // namespace sweep::trainer
