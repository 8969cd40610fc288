#include "trainer/model_file.h"

#include <doctest/doctest.h>

#include <fstream>

#include "test_files.h"
#include "trainer/errors.h"

namespace sweep::trainer {
namespace {

Network<float> sample_network() {
  Network<float> network({6, 5, 3, 10}, Activation::tanh, Loss::mean_squared_error);
  Random random(9);
  network.initialize(WeightInit::random, random);
  network.bias(1)(2) = 0.75f;
  return network;
}

TEST_CASE("a saved model loads back identically") {
  testing::ScratchDirectory scratch;
  const auto path = scratch.path() / "model.bin";
  const Network<float> saved = sample_network();
  save_model(path, saved);
  const Network<float> loaded = load_model(path);
  CHECK(loaded.layer_sizes() == saved.layer_sizes());
  CHECK(loaded.activation() == Activation::tanh);
  CHECK(loaded.loss() == Loss::mean_squared_error);
  for (int layer = 0; layer < saved.layer_count(); ++layer) {
    CHECK(loaded.weights(layer) == saved.weights(layer));
    CHECK(loaded.bias(layer) == saved.bias(layer));
  }
  // Header (8 + 4 * 4 + 4 * 4 sizes) plus every weight and bias as float32.
  const std::size_t floats = 6 * 5 + 5 + 5 * 3 + 3 + 3 * 10 + 10;
  // ... and the input transform code (0: none).
  CHECK(std::filesystem::file_size(path) == 8 + 16 + 16 + 4 + 4 * floats);
  CHECK(loaded.input_standardization().empty());
}

TEST_CASE("a network's input standardisation is saved and loaded with it") {
  testing::ScratchDirectory scratch;
  const auto path = scratch.path() / "model.bin";
  Network<float> saved = sample_network();
  Eigen::VectorXf mean(6), stddev(6);
  mean << 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f;
  stddev << 0.05f, 0.5f, 0.25f, 1.0f, 0.125f, 0.3f;
  saved.set_input_standardization(InputStandardization(mean, stddev));
  save_model(path, saved);
  const Network<float> loaded = load_model(path);
  CHECK(loaded.input_standardization().mean() == mean);
  CHECK(loaded.input_standardization().stddev() == stddev);
  CHECK(loaded.weights(2) == saved.weights(2));
  const std::size_t floats = 6 * 5 + 5 + 5 * 3 + 3 + 3 * 10 + 10 + 2 * 6;
  CHECK(std::filesystem::file_size(path) == 8 + 16 + 16 + 4 + 4 * floats);
}

// `network` in format version 1 (no input transform), as trainers before version 2 wrote it.
std::vector<char> version_1_bytes(const Network<float>& network) {
  std::vector<char> bytes{'S', 'W', 'E', 'E', 'P', 'M', 'L', 'P'};
  auto append = [&](const void* data, std::size_t size) {
    bytes.insert(bytes.end(), static_cast<const char*>(data), static_cast<const char*>(data) + size);
  };
  auto append_u32 = [&](std::uint32_t value) { append(&value, sizeof value); };
  append_u32(1);
  append_u32(static_cast<std::uint32_t>(network.activation()));
  append_u32(static_cast<std::uint32_t>(network.loss()));
  append_u32(static_cast<std::uint32_t>(network.layer_sizes().size()));
  for (int size : network.layer_sizes()) append_u32(static_cast<std::uint32_t>(size));
  for (int layer = 0; layer < network.layer_count(); ++layer) {
    append(network.weights(layer).data(), static_cast<std::size_t>(network.weights(layer).size()) * sizeof(float));
    append(network.bias(layer).data(), static_cast<std::size_t>(network.bias(layer).size()) * sizeof(float));
  }
  return bytes;
}

TEST_CASE("version 1 files, without an input transform, are still read") {
  testing::ScratchDirectory scratch;
  const auto path = scratch.path() / "old.bin";
  const Network<float> saved = sample_network();
  const std::vector<char> bytes = version_1_bytes(saved);
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  const Network<float> loaded = load_model(path);
  CHECK(loaded.layer_sizes() == saved.layer_sizes());
  CHECK(loaded.activation() == Activation::tanh);
  CHECK(loaded.input_standardization().empty());
  for (int layer = 0; layer < saved.layer_count(); ++layer) {
    CHECK(loaded.weights(layer) == saved.weights(layer));
    CHECK(loaded.bias(layer) == saved.bias(layer));
  }
}

TEST_CASE("damaged model files are rejected with the reason") {
  testing::ScratchDirectory scratch;
  const auto path = scratch.path() / "model.bin";
  save_model(path, sample_network());
  std::vector<char> bytes(std::filesystem::file_size(path));
  std::ifstream(path, std::ios::binary).read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  auto rewrite = [&](const std::vector<char>& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(content.data(), static_cast<std::streamsize>(content.size()));
  };
  auto message = [&] {
    try {
      load_model(path);
    } catch (const ModelFileError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };

  SUBCASE("wrong magic") {
    auto damaged = bytes;
    damaged[0] = 'X';
    rewrite(damaged);
    CHECK(message().find("magic") != std::string::npos);
  }
  SUBCASE("unknown version") {
    auto damaged = bytes;
    damaged[8] = 3;
    rewrite(damaged);
    CHECK(message().find("version 3 is not supported (this trainer reads 1 to 2)") != std::string::npos);
  }
  SUBCASE("unknown input transform") {
    auto damaged = bytes;
    damaged[24 + 4 * 4] = 7;  // after the header and the four layer sizes
    rewrite(damaged);
    CHECK(message().find("unknown input transform code 7") != std::string::npos);
  }
  SUBCASE("truncated") {
    rewrite(std::vector<char>(bytes.begin(), bytes.end() - 3));
    CHECK(message().find("truncated") != std::string::npos);
  }
  SUBCASE("trailing bytes") {
    auto damaged = bytes;
    damaged.push_back(0);
    rewrite(damaged);
    CHECK(message().find("trailing") != std::string::npos);
  }
  SUBCASE("missing") {
    std::filesystem::remove(path);
    CHECK(message().find("cannot open") != std::string::npos);
  }
}

}  // namespace
}  // namespace sweep::trainer
