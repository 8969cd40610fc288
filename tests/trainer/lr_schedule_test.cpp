#include "trainer/lr_schedule.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

namespace sweep::trainer {
namespace {

// 10 steps per epoch, 5 epochs: 50 steps.
double factor(const LrSchedule& schedule, long step) { return learning_rate_factor(schedule, step, 10, 5); }

TEST_CASE("the default schedule is train.py's constant rate") {
  const LrSchedule schedule;
  for (long step : {0L, 1L, 25L, 49L}) CHECK(factor(schedule, step) == 1.0);
}

TEST_CASE("warm-up ramps linearly over its steps, for every kind") {
  for (const auto& kind : kLrSchedules) {
    CAPTURE(kind.name);
    const LrSchedule schedule{.kind = kind.value, .warmup_epochs = 0.5};  // 5 steps
    CHECK(factor(schedule, 0) == doctest::Approx(0.2));
    CHECK(factor(schedule, 3) == doctest::Approx(0.8));
    CHECK(factor(schedule, 4) == doctest::Approx(1.0));
    CHECK(factor(schedule, 5) == doctest::Approx(1.0));  // the first step after the warm-up has the full rate
  }
}

TEST_CASE("cosine falls from 1 through 1/2 at mid-run towards 0 at the last step") {
  const LrSchedule schedule{.kind = LrScheduleKind::cosine};
  CHECK(factor(schedule, 0) == 1.0);
  CHECK(factor(schedule, 25) == doctest::Approx(0.5));
  CHECK(factor(schedule, 49) == doctest::Approx((1 + std::cos(std::numbers::pi * 49 / 50)) / 2));
  CHECK(factor(schedule, 49) < 0.01);
  for (long step = 1; step < 50; ++step) CHECK(factor(schedule, step) < factor(schedule, step - 1));
  // After a warm-up the cosine spans the remaining steps.
  const LrSchedule warm{.kind = LrScheduleKind::cosine, .warmup_epochs = 1};
  CHECK(factor(warm, 10) == 1.0);
  CHECK(factor(warm, 30) == doctest::Approx(0.5));
}

TEST_CASE("step multiplies by gamma every step_epochs epochs") {
  const LrSchedule schedule{.kind = LrScheduleKind::step, .step_epochs = 2, .step_gamma = 0.5};
  CHECK(factor(schedule, 0) == 1.0);
  CHECK(factor(schedule, 19) == 1.0);   // epoch 1
  CHECK(factor(schedule, 20) == 0.5);   // epoch 2
  CHECK(factor(schedule, 39) == 0.5);   // epoch 3
  CHECK(factor(schedule, 40) == 0.25);  // epoch 4
}

}  // namespace
}  // namespace sweep::trainer
