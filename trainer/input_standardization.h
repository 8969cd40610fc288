// Per-pixel standardisation of the inputs, x <- (x - mean) / stddev on the [0, 1]-scaled pixels, with the
// mean and standard deviation of the training images. Part of a model (Network, model_file.h): a saved
// network applies the transform it was trained with.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>

#include "trainer/labeled_images.h"

namespace sweep::trainer {

// Standard deviations are raised to at least this: Fashion-MNIST's border pixels are nearly always 0
// (stddev down to 5e-5), and dividing by that would turn one grey level into a huge input.
inline constexpr float kMinStandardDeviation = 0.05f;

class InputStandardization {
 public:
  InputStandardization() = default;  // the identity: no standardisation
  // Both of one size; every stddev > 0.
  InputStandardization(Eigen::VectorXf mean, Eigen::VectorXf stddev);

  bool empty() const { return mean_.size() == 0; }
  const Eigen::VectorXf& mean() const { return mean_; }
  const Eigen::VectorXf& stddev() const { return stddev_; }

  // Standardises one image's scaled pixels in place (mean().size() of them); nothing if empty().
  void apply(float* pixels) const;

 private:
  Eigen::VectorXf mean_, stddev_;
  Eigen::VectorXf inverse_stddev_;  // multiplying is cheaper than dividing, once per pixel of every batch
};

// The standardisation of images[indices] (accumulated in double), stddev floored at kMinStandardDeviation.
InputStandardization compute_standardization(const LabeledImages& images, std::span<const std::uint32_t> indices);

}  // namespace sweep::trainer
