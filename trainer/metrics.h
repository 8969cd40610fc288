// Loss, accuracy and confusion matrix accumulated over batches, and the evaluation of a network on a set of
// images (forward passes in fixed-size chunks, so memory does not grow with the set).
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <span>

#include "trainer/backpropagation.h"
#include "trainer/labeled_images.h"
#include "trainer/network.h"

namespace sweep::trainer {

using ConfusionMatrix = std::array<std::array<long, kClassCount>, kClassCount>;  // [true class][predicted]

struct Metrics {
  double loss = 0;      // mean data loss per example
  double accuracy = 0;  // fraction predicted correctly
  long count = 0;
  ConfusionMatrix confusion{};
};

class MetricsAccumulator {
 public:
  // Adds a batch: its probabilities (classes x examples), labels, and summed loss.
  void add(const Eigen::MatrixXf& probabilities, std::span<const std::uint8_t> labels, double loss_sum);
  // Adds another accumulator's batches after this one's.
  void merge(const MetricsAccumulator& other);
  Metrics result() const;

 private:
  double loss_sum_ = 0;
  long correct_ = 0;
  long count_ = 0;
  ConfusionMatrix confusion_{};
};

// Evaluates on images[indices] (evaluate_all: on every image) in fixed chunks of examples shared out among
// `threads` threads; the chunks, and so the results, are the same for every thread count.
Metrics evaluate(const Network<float>& network, const LabeledImages& images, std::span<const std::uint32_t> indices,
                 int threads);
Metrics evaluate_all(const Network<float>& network, const LabeledImages& images, int threads);

}  // namespace sweep::trainer
