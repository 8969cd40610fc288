// The losses on the softmax output: cross-entropy and mean squared error against the one-hot label.
// Both are summed over classes and averaged over the examples of a batch.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <span>

#include "trainer/choices.h"

namespace sweep::trainer {

enum class Loss { cross_entropy, mean_squared_error };

inline constexpr std::array<Choice<Loss>, 2> kLosses{{
    {"cross_entropy", Loss::cross_entropy},
    {"mean_squared_error", Loss::mean_squared_error},
}};

// Sum over the columns of `probabilities` (classes x examples) of each example's loss:
// cross_entropy: -log p[y] (p floored at the smallest normal number, so a saturated output costs a large
// finite loss rather than infinity); mean_squared_error: sum_k (p[k] - [k == y])^2.
template <typename Matrix>
double loss_sum(Loss loss, const Matrix& probabilities, std::span<const std::uint8_t> labels);

// delta <- d(sum of the examples' losses / batch_size)/d(logits), through the softmax. batch_size exceeds
// the number of columns when they are one slice of a batch.
template <typename Matrix>
void loss_gradient(Loss loss, const Matrix& probabilities, std::span<const std::uint8_t> labels,
                   typename Matrix::Scalar batch_size, Matrix& delta);

// Softmax of each column, in place.
template <typename Matrix>
void softmax_columns(Matrix& logits);

}  // namespace sweep::trainer
