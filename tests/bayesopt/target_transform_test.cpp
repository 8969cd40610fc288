#include <doctest/doctest.h>

#include "bayesopt/target_transform.h"

TEST_CASE("target transform standardises ordinary values") {
  const Eigen::Vector4d values(1.0, 2.0, 3.0, 4.0);
  const bayesopt::TargetTransform t(values);
  double sum = 0.0;
  double squares = 0.0;
  for (double v : values) {
    sum += t(v);
    squares += t(v) * t(v);
  }
  CHECK(sum == doctest::Approx(0.0).scale(1.0));
  CHECK(squares / 4.0 == doctest::Approx(1.0));
  CHECK(t.worst() == doctest::Approx(t(4.0)));
}

TEST_CASE("target transform caps a catastrophic value but never the good side") {
  Eigen::VectorXd values(8);
  values << -5.0, 1.0, 1.2, 1.1, 0.9, 1.3, 1.0, 1e9;
  const bayesopt::TargetTransform t(values);
  // The huge value is capped: the ordinary ones stay spread out rather than squashed together.
  CHECK(t(1.3) - t(0.9) > 0.05);
  CHECK(t(1e9) == doctest::Approx(t(1e12)));
  CHECK(t(1e9) > t(1.3));
  // The outstanding good value keeps its lead.
  CHECK(t(-5.0) < t(0.9) - 1.0);
}
