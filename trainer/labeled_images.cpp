#include "trainer/labeled_images.h"

#include <algorithm>
#include <string>

#include "trainer/errors.h"
#include "trainer/idx_reader.h"

namespace sweep::trainer {

LabeledImages read_labeled_images(const std::filesystem::path& images_path, const std::filesystem::path& labels_path) {
  IdxArray images = read_idx(images_path);
  IdxArray labels = read_idx(labels_path);
  if (images.dimensions.size() != 3) {
    throw DataCorruptError(images_path.string() + ": expected 3 dimensions (count, rows, columns), found " +
                           std::to_string(images.dimensions.size()));
  }
  if (labels.dimensions.size() != 1) {
    throw DataCorruptError(labels_path.string() + ": expected 1 dimension (count), found " +
                           std::to_string(labels.dimensions.size()));
  }
  if (images.dimensions[0] != labels.dimensions[0]) {
    throw DataCorruptError(labels_path.string() + ": wrong count: " + std::to_string(labels.dimensions[0]) +
                           " labels for " + std::to_string(images.dimensions[0]) + " images in " +
                           images_path.string());
  }
  if (images.dimensions[0] == 0 || images.dimensions[1] * images.dimensions[2] == 0) {
    throw DataCorruptError(images_path.string() + ": holds no pixels");
  }
  const auto bad_label =
      std::find_if(labels.values.begin(), labels.values.end(), [](std::uint8_t label) { return label >= kClassCount; });
  if (bad_label != labels.values.end()) {
    throw DataCorruptError(labels_path.string() + ": label " + std::to_string(*bad_label) + " at index " +
                           std::to_string(bad_label - labels.values.begin()) + " is not in 0.." +
                           std::to_string(kClassCount - 1));
  }
  LabeledImages result;
  result.pixels_per_image = std::size_t{images.dimensions[1]} * images.dimensions[2];
  result.pixels = std::move(images.values);
  result.labels = std::move(labels.values);
  return result;
}

}  // namespace sweep::trainer
