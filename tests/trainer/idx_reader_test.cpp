#include "trainer/idx_reader.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_files.h"
#include "trainer/dataset.h"
#include "trainer/errors.h"
#include "trainer/labeled_images.h"

namespace sweep::trainer {
namespace {

using testing::idx_bytes;
using testing::ScratchDirectory;
using testing::write_file;

// Runs `action`, which must throw E, and returns the message.
template <typename E, typename F>
std::string message_of(F&& action) {
  try {
    action();
  } catch (const E& error) {
    return error.what();
  }
  FAIL("expected an exception");
  return {};
}

TEST_CASE("read_idx reads raw and gzip files alike") {
  ScratchDirectory scratch;
  const std::vector<std::uint8_t> values{1, 2, 3, 4, 5, 6};
  for (const bool gzip : {false, true}) {
    const auto path = scratch.path() / (gzip ? "a.gz" : "a");
    write_file(path, idx_bytes({2, 3}, values), gzip);
    const IdxArray array = read_idx(path);
    CHECK(array.dimensions == std::vector<std::uint32_t>{2, 3});
    CHECK(array.values == values);
  }
}

TEST_CASE("read_idx rejects malformed files, naming the file and the problem") {
  ScratchDirectory scratch;
  const auto path = scratch.path() / "bad-images";
  const std::vector<std::uint8_t> values(12, 7);

  SUBCASE("wrong magic") {
    auto bytes = idx_bytes({12}, values);
    bytes[0] = 0x1f;
    write_file(path, bytes, false);
    const std::string message = message_of<DataCorruptError>([&] { read_idx(path); });
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find("magic") != std::string::npos);
  }
  SUBCASE("element type not unsigned byte") {
    auto bytes = idx_bytes({12}, values);
    bytes[2] = 0x0d;  // float
    write_file(path, bytes, false);
    CHECK(message_of<DataCorruptError>([&] { read_idx(path); }).find("unsigned byte") != std::string::npos);
  }
  SUBCASE("truncated payload, raw and gzip") {
    for (const bool gzip : {false, true}) {
      auto bytes = idx_bytes({3, 2, 2}, values);
      bytes.resize(bytes.size() - 5);
      write_file(path, bytes, gzip);
      const std::string message = message_of<DataCorruptError>([&] { read_idx(path); });
      CHECK(message.find("truncated") != std::string::npos);
      CHECK(message.find("12 bytes") != std::string::npos);
    }
  }
  SUBCASE("truncated header") {
    write_file(path, {0, 0, 8, 3, 0, 0}, false);
    CHECK(message_of<DataCorruptError>([&] { read_idx(path); }).find("header") != std::string::npos);
  }
  SUBCASE("truncated gzip stream") {
    write_file(path, idx_bytes({12}, values), true);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4);  // cut the gzip trailer
    CHECK_THROWS_AS(read_idx(path), DataCorruptError);
  }
  SUBCASE("payload longer than the header says") {
    auto bytes = idx_bytes({10}, values);
    write_file(path, bytes, false);
    CHECK(message_of<DataCorruptError>([&] { read_idx(path); }).find("longer") != std::string::npos);
  }
  SUBCASE("missing file") { CHECK_THROWS_AS(read_idx(scratch.path() / "nothing-here"), DatasetMissingError); }
}

TEST_CASE("read_labeled_images checks that images and labels agree") {
  ScratchDirectory scratch;
  const auto images = scratch.path() / "images";
  const auto labels = scratch.path() / "labels";
  write_file(images, idx_bytes({3, 2, 2}, std::vector<std::uint8_t>(12, 9)), true);

  SUBCASE("matching files load") {
    write_file(labels, idx_bytes({3}, {0, 9, 4}), false);
    const LabeledImages loaded = read_labeled_images(images, labels);
    CHECK(loaded.count() == 3);
    CHECK(loaded.pixels_per_image == 4);
    CHECK(loaded.labels == std::vector<std::uint8_t>{0, 9, 4});
  }
  SUBCASE("wrong count") {
    write_file(labels, idx_bytes({2}, {0, 1}), false);
    const std::string message = message_of<DataCorruptError>([&] { read_labeled_images(images, labels); });
    CHECK(message.find("wrong count") != std::string::npos);
    CHECK(message.find("2 labels for 3 images") != std::string::npos);
  }
  SUBCASE("label out of range") {
    write_file(labels, idx_bytes({3}, {0, 10, 1}), false);
    CHECK(message_of<DataCorruptError>([&] { read_labeled_images(images, labels); }).find("label 10") !=
          std::string::npos);
  }
  SUBCASE("labels file with image dimensions") {
    write_file(labels, idx_bytes({3, 1}, {0, 1, 2}), false);
    CHECK_THROWS_AS(read_labeled_images(images, labels), DataCorruptError);
  }
}

TEST_CASE("find_idx_file prefers the .gz file and explains a missing one") {
  ScratchDirectory scratch;
  write_file(scratch.path() / "x-idx1-ubyte", idx_bytes({1}, {1}), false);
  CHECK(find_idx_file(scratch.path(), "x-idx1-ubyte") == scratch.path() / "x-idx1-ubyte");
  write_file(scratch.path() / "x-idx1-ubyte.gz", idx_bytes({1}, {1}), true);
  CHECK(find_idx_file(scratch.path(), "x-idx1-ubyte") == scratch.path() / "x-idx1-ubyte.gz");
  const std::string message = message_of<DatasetMissingError>([&] { find_idx_file(scratch.path(), "y"); });
  CHECK(message.find("--data-dir") != std::string::npos);
  CHECK(message_of<DatasetMissingError>([] {
          find_idx_file(kFashionMnistDirectory, "no-such-idx1-ubyte");
        }).find("apt-get install dataset-fashion-mnist") != std::string::npos);
  CHECK(message_of<DatasetMissingError>([] {
          dataset_directory({.name = "mnist", .directory = {}});
        }).find("--data-dir") != std::string::npos);
}

TEST_CASE("split_indices is a seeded partition") {
  const Split split = split_indices(1000, 0.1, 7);
  CHECK(split.validation.size() == 100);
  CHECK(split.train.size() == 900);
  std::vector<std::uint32_t> all = split.train;
  all.insert(all.end(), split.validation.begin(), split.validation.end());
  std::sort(all.begin(), all.end());
  for (std::uint32_t i = 0; i < 1000; ++i) REQUIRE(all[i] == i);
  CHECK(split_indices(1000, 0.1, 7).train == split.train);
  CHECK(split_indices(1000, 0.1, 8).train != split.train);
  CHECK(split_indices(1000, 0.0, 7).validation.empty());
}

}  // namespace
}  // namespace sweep::trainer
