#include "trainer/input_standardization.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sweep::trainer {

InputStandardization::InputStandardization(Eigen::VectorXf mean, Eigen::VectorXf stddev)
    : mean_(std::move(mean)), stddev_(std::move(stddev)) {
  if (mean_.size() != stddev_.size()) throw std::invalid_argument("standardisation: mean and stddev differ in size");
  if (stddev_.size() > 0 && !(stddev_.minCoeff() > 0)) {
    throw std::invalid_argument("standardisation: a standard deviation is not positive");
  }
  inverse_stddev_ = stddev_.cwiseInverse();
}

void InputStandardization::apply(float* pixels) const {
  const float* mean = mean_.data();
  const float* inverse = inverse_stddev_.data();
  for (Eigen::Index i = 0; i < mean_.size(); ++i) pixels[i] = (pixels[i] - mean[i]) * inverse[i];
}

InputStandardization compute_standardization(const LabeledImages& images, std::span<const std::uint32_t> indices) {
  const auto pixels = static_cast<Eigen::Index>(images.pixels_per_image);
  if (indices.empty()) throw std::invalid_argument("standardisation needs at least one training image");
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(pixels), square_sum = Eigen::VectorXd::Zero(pixels);
  for (const std::uint32_t index : indices) {
    const std::uint8_t* image = images.image(index);
    for (Eigen::Index i = 0; i < pixels; ++i) {
      const double x = image[i] / 255.0;
      sum[i] += x;
      square_sum[i] += x * x;
    }
  }
  const auto count = static_cast<double>(indices.size());
  Eigen::VectorXf mean(pixels), stddev(pixels);
  for (Eigen::Index i = 0; i < pixels; ++i) {
    const double m = sum[i] / count;
    const double variance = std::max(0.0, square_sum[i] / count - m * m);
    mean[i] = static_cast<float>(m);
    stddev[i] = std::max(kMinStandardDeviation, static_cast<float>(std::sqrt(variance)));
  }
  return {std::move(mean), std::move(stddev)};
}

}  // namespace sweep::trainer
