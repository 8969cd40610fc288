#include "trainer/batch.h"

namespace sweep::trainer {

void gather_batch(const LabeledImages& images, std::span<const std::uint32_t> indices,
                  const InputStandardization& standardization, Eigen::MatrixXf& batch,
                  std::vector<std::uint8_t>& labels) {
  const auto pixel_count = static_cast<Eigen::Index>(images.pixels_per_image);
  batch.resize(pixel_count, static_cast<Eigen::Index>(indices.size()));
  labels.resize(indices.size());
  constexpr float kScale = 1.0f / 255.0f;
  for (std::size_t column = 0; column < indices.size(); ++column) {
    const std::uint8_t* pixels = images.image(indices[column]);
    float* out = batch.col(static_cast<Eigen::Index>(column)).data();
    // A plain loop: the compiler vectorises the uint8 -> float widening, which Eigen's cast does not.
    for (Eigen::Index i = 0; i < pixel_count; ++i) out[i] = static_cast<float>(pixels[i]) * kScale;
    standardization.apply(out);
    labels[column] = images.labels[indices[column]];
  }
}

}  // namespace sweep::trainer
