// Reads IDX files (the MNIST container: magic, big-endian dimensions, raw unsigned bytes), gzip-compressed
// or raw, and checks that the payload is exactly as long as the header says.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace sweep::trainer {

struct IdxArray {
  std::vector<std::uint32_t> dimensions;  // e.g. {60000, 28, 28} for images, {60000} for labels
  std::vector<std::uint8_t> values;       // row-major, product(dimensions) bytes
};

// Throws DatasetMissingError if `path` does not exist and DataCorruptError (naming the file and the problem)
// if the magic number is wrong, the element type is not unsigned byte, or the payload is short or too long.
IdxArray read_idx(const std::filesystem::path& path);

}  // namespace sweep::trainer
