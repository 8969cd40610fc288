#include "trainer/dropout.h"

#include <doctest/doctest.h>

namespace sweep::trainer {
namespace {

TEST_CASE("a dropout mask drops about `rate` of the units and scales the kept ones by 1 / (1 - rate)") {
  Eigen::MatrixXf mask;
  draw_dropout_mask(DropoutDraw{.rate = 0.25, .key = 9}, 0, 200, 100, mask);
  REQUIRE(mask.rows() == 200);
  REQUIRE(mask.cols() == 100);
  const auto dropped = (mask.array() == 0.0f).count();
  const auto kept = (mask.array() == 1.0f / 0.75f).count();
  CHECK(dropped + kept == mask.size());
  CHECK(static_cast<double>(dropped) / static_cast<double>(mask.size()) == doctest::Approx(0.25).epsilon(0.05));
}

TEST_CASE("masks depend only on key, layer and example: slices of a batch draw the whole batch's masks") {
  Eigen::MatrixXf whole, left, right, again;
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 3}, 1, 16, 10, whole);
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 3, .first_example = 0}, 1, 16, 4, left);
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 3, .first_example = 4}, 1, 16, 6, right);
  CHECK(whole.leftCols(4) == left);
  CHECK(whole.rightCols(6) == right);
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 3}, 1, 16, 10, again);
  CHECK(again == whole);
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 4}, 1, 16, 10, again);
  CHECK(again != whole);  // another batch
  draw_dropout_mask(DropoutDraw{.rate = 0.5, .key = 3}, 2, 16, 10, again);
  CHECK(again != whole);  // another layer
}

}  // namespace
}  // namespace sweep::trainer
