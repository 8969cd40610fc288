// Locates and loads a dataset by name (fashion_mnist, mnist) and splits its training images into a
// training part and a validation part with a fixed seed; the test images are kept apart.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "trainer/labeled_images.h"

namespace sweep::trainer {

inline constexpr const char* kFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

struct DatasetSource {
  std::string name = "fashion_mnist";  // fashion_mnist or mnist
  std::filesystem::path directory;     // empty: the default directory for `name`
};

// Indices into the training images.
struct Split {
  std::vector<std::uint32_t> train;
  std::vector<std::uint32_t> validation;
};

struct Dataset {
  LabeledImages train_images;  // the IDX training file, split by `split`
  LabeledImages test_images;
  Split split;
};

// The directory that holds `source`'s files; throws DatasetMissingError (with how to install it) if none.
std::filesystem::path dataset_directory(const DatasetSource& source);

// Finds `stem` or `stem`.gz in `directory`; throws DatasetMissingError naming both if neither exists.
std::filesystem::path find_idx_file(const std::filesystem::path& directory, const std::string& stem);

LabeledImages load_test_images(const DatasetSource& source);

// A seeded random permutation of [0, count): the first round(count * validation_fraction) indices are the
// validation part (sorted, for cache-friendly evaluation), the rest the training part.
Split split_indices(std::size_t count, double validation_fraction, std::uint64_t seed);

Dataset load_dataset(const DatasetSource& source, double validation_fraction, std::uint64_t seed);

}  // namespace sweep::trainer
