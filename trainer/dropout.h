// Inverted dropout of hidden units in training: each unit of each example is kept with probability
// 1 - rate and then scaled by 1 / (1 - rate), so evaluation uses the network as it is, with no dropout.
// A mask is a pure function of (key, layer, example, unit): seeded runs repeat, and threads that split a
// batch draw the very masks one thread would.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "trainer/random.h"

namespace sweep::trainer {

// The masks of one forward pass; rate 0 is no dropout.
struct DropoutDraw {
  double rate = 0;                 // in [0, 1)
  std::uint64_t key = 0;           // one per batch
  Eigen::Index first_example = 0;  // the batch index of the pass's first column (a thread's slice)
};

// mask <- units x examples of 0 (dropped) or 1 / (1 - rate) (kept), for hidden layer `layer`.
template <typename Matrix>
void draw_dropout_mask(const DropoutDraw& draw, int layer, Eigen::Index units, Eigen::Index examples, Matrix& mask) {
  using Scalar = typename Matrix::Scalar;
  const auto kept = static_cast<Scalar>(1 / (1 - draw.rate));
  mask.resize(units, examples);
  for (Eigen::Index j = 0; j < examples; ++j) {
    const std::uint64_t column = mix_bits(draw.key ^ mix_bits((static_cast<std::uint64_t>(layer) << 40) +
                                                              static_cast<std::uint64_t>(draw.first_example + j)));
    for (Eigen::Index unit = 0; unit < units; ++unit) {
      const double uniform = static_cast<double>(mix_bits(column + static_cast<std::uint64_t>(unit)) >> 11) * 0x1.0p-53;
      mask(unit, j) = uniform < draw.rate ? Scalar(0) : kept;
    }
  }
}

}  // namespace sweep::trainer
