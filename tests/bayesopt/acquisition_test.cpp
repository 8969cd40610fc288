#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "bayesopt/acquisition.h"

using bayesopt::Acquisition;
using bayesopt::make_acquisition;

namespace {

std::string error_of(std::string_view name, std::optional<double> beta = std::nullopt) {
  try {
    make_acquisition(name, beta);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// Central differences of the score in mean and in sd.
void check_derivatives(const Acquisition& acquisition, double mean, double sd, double incumbent) {
  const auto score = acquisition.score(mean, sd, incumbent);
  const double h = 1e-6;
  const double d_mean =
      (acquisition.score(mean + h, sd, incumbent).value - acquisition.score(mean - h, sd, incumbent).value) / (2 * h);
  const double d_sd =
      (acquisition.score(mean, sd + h, incumbent).value - acquisition.score(mean, sd - h, incumbent).value) / (2 * h);
  CHECK(score.d_mean == doctest::Approx(d_mean).epsilon(1e-5));
  CHECK(score.d_sd == doctest::Approx(d_sd).epsilon(1e-5));
}

}  // namespace

TEST_CASE("log EI acquisition: derivatives in mean and sd match finite differences") {
  const auto acquisition = make_acquisition("log_ei");
  check_derivatives(*acquisition, 0.9, 0.3, 0.2);
  const auto score = acquisition->score(0.9, 0.3, 0.2);
  // Better mean or more uncertainty (when behind the incumbent) both raise EI.
  CHECK(score.d_mean < 0.0);
  CHECK(score.d_sd > 0.0);
  // A lower incumbent leaves less to improve on.
  CHECK(acquisition->score(0.9, 0.3, -0.5).value < score.value);
  CHECK(acquisition->is_log_of_expectation());
}

TEST_CASE("UCB acquisition: -(mean - beta sd), whatever the incumbent") {
  const auto acquisition = make_acquisition("ucb", 3.0);
  const auto score = acquisition->score(0.9, 0.3, 0.2);
  CHECK(score.value == doctest::Approx(-(0.9 - 3.0 * 0.3)));
  CHECK(acquisition->score(0.9, 0.3, -7.0).value == score.value);
  check_derivatives(*acquisition, 0.9, 0.3, 0.2);
  CHECK_FALSE(acquisition->is_log_of_expectation());
}

TEST_CASE("make_acquisition: names, beta, and errors that say what is allowed") {
  CHECK(make_acquisition("ei")->name() == "log_ei");
  CHECK(make_acquisition("log_ei")->name() == "log_ei");
  const auto ucb = make_acquisition("ucb");
  REQUIRE(ucb->name() == "ucb");
  CHECK(dynamic_cast<const bayesopt::UpperConfidenceBound&>(*ucb).beta() == bayesopt::UpperConfidenceBound::kDefaultBeta);
  CHECK(dynamic_cast<const bayesopt::UpperConfidenceBound&>(*make_acquisition("ucb", 0.5)).beta() == 0.5);

  CHECK(error_of("pi") == "unknown acquisition \"pi\" (allowed: ei, log_ei, ucb)");
  CHECK(error_of("UCB") == "unknown acquisition \"UCB\" (allowed: ei, log_ei, ucb)");
  CHECK(error_of("ei", 2.0) == "acquisition ei: takes no beta (only ucb does)");
  CHECK(error_of("ucb", -1.0) ==
        "acquisition ucb: beta is -1; it must be a finite number >= 0 (standard deviations of optimism)");
  CHECK(error_of("ucb", std::numeric_limits<double>::quiet_NaN()).find("must be a finite number >= 0") !=
        std::string::npos);
  CHECK(error_of("ucb", 0.0).empty());
}
