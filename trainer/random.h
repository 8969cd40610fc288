// A seeded random source whose draws are identical on every platform and standard library
// (std:: distributions are implementation-defined), so seeded runs repeat bit for bit.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace sweep::trainer {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform in [0, bound), bound > 0; rejection sampling keeps it unbiased.
  std::uint64_t below(std::uint64_t bound);
  // Standard normal (Box-Muller; one draw per call, the second value is discarded for simplicity).
  double normal();
  // Fisher-Yates shuffle.
  void shuffle(std::span<std::uint32_t> values);

 private:
  std::mt19937_64 engine_;
};

}  // namespace sweep::trainer
