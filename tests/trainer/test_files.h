// Test helpers: a scratch directory removed at scope exit, and writers of IDX files (raw or gzip) with
// optionally broken headers or payloads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/common/scratch_directory.h"
#include "trainer/labeled_images.h"

namespace sweep::trainer::testing {

using test_support::ScratchDirectory;

// The bytes of an unsigned-byte IDX file with the given dimensions and values.
std::vector<std::uint8_t> idx_bytes(const std::vector<std::uint32_t>& dimensions,
                                    const std::vector<std::uint8_t>& values);

// Writes `bytes` to `path`, gzip-compressed if `gzip`.
void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes, bool gzip);

// `count` images of rows x columns pixels with labels i % kClassCount, pixel values derived from the label
// (so a network can learn them), written as train-* and t10k-* IDX files in `directory`.
void write_synthetic_dataset(const std::filesystem::path& directory, std::uint32_t count, std::uint32_t rows,
                             std::uint32_t columns, bool gzip);

// A small, learnable in-memory image set: class k lights up its own band of pixels, plus noise.
LabeledImages synthetic_images(std::size_t count, std::size_t pixels, std::uint64_t seed);

}  // namespace sweep::trainer::testing
