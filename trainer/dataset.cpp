#include "trainer/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "trainer/errors.h"
#include "trainer/random.h"

namespace sweep::trainer {

std::filesystem::path dataset_directory(const DatasetSource& source) {
  if (!source.directory.empty()) return source.directory;
  if (source.name == "fashion_mnist") return kFashionMnistDirectory;
  throw DatasetMissingError("dataset " + source.name +
                            " has no default directory: pass --data-dir DIR holding its IDX files "
                            "(train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-...)");
}

std::filesystem::path find_idx_file(const std::filesystem::path& directory, const std::string& stem) {
  std::error_code ignored;
  for (const std::string& name : {stem + ".gz", stem}) {
    if (std::filesystem::is_regular_file(directory / name, ignored)) return directory / name;
  }
  const std::string hint = directory == kFashionMnistDirectory
                               ? "install it with `apt-get install dataset-fashion-mnist` (scripts/install-deps.sh "
                                 "does), or pass --data-dir DIR"
                               : "is --data-dir right?";
  throw DatasetMissingError((directory / stem).string() + "[.gz] not found: " + hint);
}

namespace {

LabeledImages load_part(const std::filesystem::path& directory, const std::string& prefix) {
  const std::filesystem::path images = find_idx_file(directory, prefix + "-images-idx3-ubyte");
  const std::filesystem::path labels = find_idx_file(directory, prefix + "-labels-idx1-ubyte");
  return read_labeled_images(images, labels);
}

}  // namespace

LabeledImages load_test_images(const DatasetSource& source) { return load_part(dataset_directory(source), "t10k"); }

Split split_indices(std::size_t count, double validation_fraction, std::uint64_t seed) {
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  Random random(seed);
  random.shuffle(order);
  const auto validation_count = static_cast<std::ptrdiff_t>(std::llround(count * validation_fraction));
  Split split;
  split.validation.assign(order.begin(), order.begin() + validation_count);
  split.train.assign(order.begin() + validation_count, order.end());
  std::sort(split.validation.begin(), split.validation.end());
  return split;
}

Dataset load_dataset(const DatasetSource& source, double validation_fraction, std::uint64_t seed) {
  const std::filesystem::path directory = dataset_directory(source);
  Dataset dataset;
  dataset.train_images = load_part(directory, "train");
  dataset.test_images = load_part(directory, "t10k");
  if (dataset.test_images.pixels_per_image != dataset.train_images.pixels_per_image) {
    throw DataCorruptError(directory.string() + ": test images and training images differ in size");
  }
  dataset.split = split_indices(dataset.train_images.count(), validation_fraction, seed);
  return dataset;
}

}  // namespace sweep::trainer
