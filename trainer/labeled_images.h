// A set of images kept as the uint8 pixels of the IDX file (converted to floats only per batch, so memory
// stays small) with one class label per image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace sweep::trainer {

inline constexpr int kClassCount = 10;

struct LabeledImages {
  std::size_t pixels_per_image = 0;
  std::vector<std::uint8_t> pixels;  // count() rows of pixels_per_image bytes
  std::vector<std::uint8_t> labels;  // each in [0, kClassCount)

  std::size_t count() const { return labels.size(); }
  const std::uint8_t* image(std::size_t index) const { return pixels.data() + index * pixels_per_image; }
};

// Reads an IDX image file (3 dimensions) and its IDX label file (1 dimension). Throws DataCorruptError if
// either is malformed, their counts differ, or a label is not a class index; DatasetMissingError if absent.
LabeledImages read_labeled_images(const std::filesystem::path& images, const std::filesystem::path& labels);

}  // namespace sweep::trainer
