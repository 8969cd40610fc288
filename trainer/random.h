// A seeded random source whose draws are identical on every platform and standard library
// (std:: distributions are implementation-defined), so seeded runs repeat bit for bit.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace sweep::trainer {

// A bijective mixing of 64 bits (splitmix64's finaliser): spreads a counter over all bits, for draws that
// must be a pure function of their coordinates rather than of a stream's position (dropout masks).
constexpr std::uint64_t mix_bits(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

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
