// Turns the uint8 pixels of selected images into a float batch (one column per image, scaled to [0, 1],
// then standardised if the network asks for it) and their labels, reusing the caller's buffers so that
// steady-state batches allocate nothing.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "trainer/input_standardization.h"
#include "trainer/labeled_images.h"

namespace sweep::trainer {

void gather_batch(const LabeledImages& images, std::span<const std::uint32_t> indices,
                  const InputStandardization& standardization, Eigen::MatrixXf& batch,
                  std::vector<std::uint8_t>& labels);

}  // namespace sweep::trainer
