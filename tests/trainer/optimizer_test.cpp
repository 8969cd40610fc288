#include "trainer/optimizer.h"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

namespace sweep::trainer {
namespace {

// Two parameters, two steps with fixed gradients; the expected values are worked out by hand below each
// rule, in double precision.
struct Run {
  std::array<float, 2> after_first;
  std::array<float, 2> after_second;
};

Run two_steps(OptimizerKind kind) {
  OptimizerSettings settings{
      .kind = kind, .learning_rate = 0.1, .momentum = 0.9, .beta = 0.9, .beta1 = 0.9, .beta2 = 0.99, .epsilon = 1e-8};
  auto optimizer = make_optimizer(settings, 2);
  std::array<float, 2> w{1.0f, -2.0f};
  const std::array<float, 2> g1{0.5f, -1.0f};
  const std::array<float, 2> g2{0.25f, 2.0f};
  Run run{};
  optimizer->step(w, g1);
  run.after_first = w;
  optimizer->step(w, g2);
  run.after_second = w;
  return run;
}

void check(const Run& run, std::array<double, 2> first, std::array<double, 2> second) {
  for (int i = 0; i < 2; ++i) {
    CHECK(run.after_first[i] == doctest::Approx(first[i]).epsilon(1e-6));
    CHECK(run.after_second[i] == doctest::Approx(second[i]).epsilon(1e-6));
  }
}

TEST_CASE("sgd: w -= lr g") { check(two_steps(OptimizerKind::sgd), {1 - 0.05, -2 + 0.1}, {0.95 - 0.025, -1.9 - 0.2}); }

TEST_CASE("momentum: u = 0.9 u + lr g; w -= u") {
  // u1 = (0.05, -0.1); u2 = 0.9 u1 + 0.1 g2 = (0.07, 0.11)
  check(two_steps(OptimizerKind::momentum), {0.95, -1.9}, {0.95 - 0.07, -1.9 - 0.11});
}

TEST_CASE("nag: u = 0.9 u + lr g; w -= 0.9 u + lr g") {
  // step 1: u1 = (0.05, -0.1); w -= (0.045 + 0.05, -0.09 - 0.1)
  // step 2: u2 = (0.07, 0.11); w -= (0.063 + 0.025, 0.099 + 0.2)
  check(two_steps(OptimizerKind::nag), {1 - 0.095, -2 + 0.19}, {0.905 - 0.088, -1.81 - 0.299});
}

TEST_CASE("rmsprop: v = 0.9 v + 0.1 g^2; w -= lr g / (sqrt(v) + eps)") {
  const double v1a = 0.1 * 0.25, v1b = 0.1 * 1.0;
  const double w1a = 1 - 0.1 * 0.5 / std::sqrt(v1a), w1b = -2 + 0.1 * 1.0 / std::sqrt(v1b);
  const double v2a = 0.9 * v1a + 0.1 * 0.0625, v2b = 0.9 * v1b + 0.1 * 4.0;
  check(two_steps(OptimizerKind::rmsprop), {w1a, w1b},
        {w1a - 0.1 * 0.25 / std::sqrt(v2a), w1b - 0.1 * 2.0 / std::sqrt(v2b)});
}

TEST_CASE("adam: bias-corrected moments; the first step moves each weight by lr against its gradient sign") {
  // Step 1: m^ = g, v^ = g^2, so w -= lr sign(g).
  // Step 2: m = 0.9*0.1 g1 + 0.1 g2, v = 0.99*0.01 g1^2 + 0.01 g2^2; corrections 1/0.19 and 1/0.0199.
  const double ma = 0.09 * 0.5 + 0.1 * 0.25, mb = 0.09 * -1.0 + 0.1 * 2.0;
  const double va = 0.0099 * 0.25 + 0.01 * 0.0625, vb = 0.0099 * 1.0 + 0.01 * 4.0;
  const double step_a = 0.1 * (ma / 0.19) / std::sqrt(va / 0.0199);
  const double step_b = 0.1 * (mb / 0.19) / std::sqrt(vb / 0.0199);
  check(two_steps(OptimizerKind::adam), {0.9, -1.9}, {0.9 - step_a, -1.9 - step_b});
}

TEST_CASE("nadam: w -= lr / sqrt(v^) * (beta1 m^ + (1 - beta1) g / (1 - beta1^t))") {
  // Step 1: m^ = g, sqrt(v^) = |g|: w -= lr (0.9 g + 0.1 g / 0.1) / |g| = lr * 1.9 sign(g).
  const double ma = 0.09 * 0.5 + 0.1 * 0.25, mb = 0.09 * -1.0 + 0.1 * 2.0;
  const double va = 0.0099 * 0.25 + 0.01 * 0.0625, vb = 0.0099 * 1.0 + 0.01 * 4.0;
  const double step_a = 0.1 * (0.9 * ma / 0.19 + 0.1 * 0.25 / 0.19) / std::sqrt(va / 0.0199);
  const double step_b = 0.1 * (0.9 * mb / 0.19 + 0.1 * 2.0 / 0.19) / std::sqrt(vb / 0.0199);
  check(two_steps(OptimizerKind::nadam), {1 - 0.19, -2 + 0.19}, {0.81 - step_a, -1.81 - step_b});
}

TEST_CASE("updates cover parameter vectors longer than one chunk") {
  for (const auto& choice : kOptimizers) {
    CAPTURE(choice.name);
    auto optimizer = make_optimizer({.kind = choice.value, .learning_rate = 0.01}, 5000);
    std::vector<float> w(5000, 1.0f);
    const std::vector<float> g(5000, 1.0f);
    optimizer->step(w, g);
    CHECK(w.front() < 1.0f);
    CHECK(w.back() == w.front());
  }
}

}  // namespace
}  // namespace sweep::trainer
