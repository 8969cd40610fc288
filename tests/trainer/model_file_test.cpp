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
  CHECK(std::filesystem::file_size(path) == 8 + 16 + 16 + 4 * floats);
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
    damaged[8] = 2;
    rewrite(damaged);
    CHECK(message().find("version 2") != std::string::npos);
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
