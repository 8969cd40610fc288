#include "trainer/input_standardization.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "test_files.h"
#include "trainer/batch.h"
#include "trainer/network.h"

namespace sweep::trainer {
namespace {

TEST_CASE("the standardisation has each pixel's mean and stddev over the given images only") {
  LabeledImages images;
  images.pixels_per_image = 3;
  // Pixel 0: 0, 51, 102 (and 255 in the image left out); pixel 1: constant; pixel 2: 0 or 255.
  images.pixels = {0, 7, 0, 51, 7, 255, 102, 7, 0, 255, 7, 255};
  images.labels = {0, 1, 2, 3};
  const std::vector<std::uint32_t> first_three{0, 1, 2};
  const InputStandardization standardization = compute_standardization(images, first_three);
  CHECK(standardization.mean()[0] == doctest::Approx(0.2));
  CHECK(standardization.stddev()[0] == doctest::Approx(0.2 * std::sqrt(2.0 / 3.0)));
  CHECK(standardization.mean()[1] == doctest::Approx(7 / 255.0));
  CHECK(standardization.stddev()[1] == kMinStandardDeviation);  // constant: floored, not 0
  CHECK(standardization.mean()[2] == doctest::Approx(1 / 3.0));
  CHECK(standardization.stddev()[2] == doctest::Approx(std::sqrt(2.0) / 3));
}

TEST_CASE("gather_batch standardises what it scales; the empty standardisation changes nothing") {
  const LabeledImages images = testing::synthetic_images(50, 20, 4);
  std::vector<std::uint32_t> all(50);
  for (std::uint32_t i = 0; i < 50; ++i) all[i] = i;
  Eigen::MatrixXf plain, standardized;
  std::vector<std::uint8_t> labels;
  gather_batch(images, all, InputStandardization(), plain, labels);
  CHECK(plain.minCoeff() >= 0.0f);
  CHECK(plain.maxCoeff() <= 1.0f);
  gather_batch(images, all, compute_standardization(images, all), standardized, labels);
  for (Eigen::Index pixel = 0; pixel < 20; ++pixel) {
    CAPTURE(pixel);
    const Eigen::ArrayXf row = standardized.row(pixel).transpose().array();
    CHECK(row.mean() == doctest::Approx(0.0).epsilon(1e-4).scale(1));
    CHECK(std::sqrt((row - row.mean()).square().mean()) == doctest::Approx(1.0).epsilon(1e-3));
  }
}

TEST_CASE("bad standardisations are refused") {
  CHECK_THROWS(InputStandardization(Eigen::VectorXf::Zero(3), Eigen::VectorXf::Ones(2)));
  CHECK_THROWS(InputStandardization(Eigen::VectorXf::Zero(2), Eigen::VectorXf::Zero(2)));
  Network<float> network({3, 10}, Activation::relu, Loss::cross_entropy);
  CHECK_THROWS(
      network.set_input_standardization(InputStandardization(Eigen::VectorXf::Zero(2), Eigen::VectorXf::Ones(2))));
}

}  // namespace
}  // namespace sweep::trainer
