#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <numbers>

#include "bayesopt/expected_improvement.h"

using bayesopt::log_expected_improvement;
using bayesopt::log_expected_improvement_slope;

namespace {

// h(z) = z Phi(z) + phi(z) in long double: accurate while the cancellation stays mild.
long double direct_h(long double z) {
  const long double cdf = 0.5L * std::erfc(-z / std::sqrt(2.0L));
  const long double pdf = std::exp(-0.5L * z * z) / std::sqrt(2.0L * std::numbers::pi_v<long double>);
  return z * cdf + pdf;
}

}  // namespace

TEST_CASE("log EI equals the direct formula where that is accurate") {
  for (double z = -30.0; z <= 6.0; z += 0.37) {
    CAPTURE(z);
    CHECK(log_expected_improvement(z) == doctest::Approx(double(std::log(direct_h(z)))).epsilon(1e-9));
  }
}

TEST_CASE("log EI is smooth across its internal branch points") {
  for (double z : {-1.0, -36.0}) {
    CAPTURE(z);
    const double below = log_expected_improvement(z - 1e-9);
    const double above = log_expected_improvement(z + 1e-9);
    CHECK(std::abs(above - below) < 1e-6);
    CHECK(log_expected_improvement_slope(z - 1e-9) == doctest::Approx(log_expected_improvement_slope(z + 1e-9)).epsilon(1e-6));
  }
}

TEST_CASE("log EI stays finite and decreasing where the direct formula underflows") {
  // In double precision the direct formula has underflowed to zero by z = -40.
  const double z40 = -40.0;
  CHECK(z40 * 0.5 * std::erfc(-z40 / std::sqrt(2.0)) + std::exp(-0.5 * z40 * z40) == 0.0);
  double previous = log_expected_improvement(-5.0);
  for (double z : {-10.0, -40.0, -100.0, -1e3, -1e5, -1e10, -1e100, -1e200}) {
    CAPTURE(z);
    const double value = log_expected_improvement(z);
    CHECK(std::isfinite(value));
    CHECK(value < previous);
    CHECK(std::isfinite(log_expected_improvement_slope(z)));
    previous = value;
  }
  // Leading-order asymptotics: log h(z) ~ -z^2/2 - log(sqrt(2 pi)) - 2 log|z|.
  const double z = -1e4;
  CHECK(log_expected_improvement(z) ==
        doctest::Approx(-0.5 * z * z - 0.5 * std::log(2 * std::numbers::pi) - 2.0 * std::log(-z)).epsilon(1e-12));
}

TEST_CASE("log EI slope matches finite differences") {
  for (double z : {-50.0, -20.0, -3.0, -0.5, 0.0, 1.5, 4.0}) {
    CAPTURE(z);
    const double h = 1e-6 * std::max(1.0, std::abs(z));
    const double numeric = (log_expected_improvement(z + h) - log_expected_improvement(z - h)) / (2 * h);
    CHECK(log_expected_improvement_slope(z) == doctest::Approx(numeric).epsilon(1e-5));
  }
}
