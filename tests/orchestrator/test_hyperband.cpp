#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <vector>

#include "orchestrator/run/hyperband.h"

using orchestrator::EarlyTerminate;
using orchestrator::Hyperband;
using orchestrator::MetricHistory;

namespace {
EarlyTerminate with_min_iter(int min_iter, double eta, bool strict = false) {
  EarlyTerminate settings;
  settings.min_iter = min_iter;
  settings.eta = eta;
  settings.strict = strict;
  return settings;
}
EarlyTerminate with_max_iter(int max_iter, int s, double eta) {
  EarlyTerminate settings;
  settings.max_iter = max_iter;
  settings.s = s;
  settings.eta = eta;
  return settings;
}
}  // namespace

TEST_CASE("hyperband: bands from max_iter and s count down from max_iter by eta") {
  CHECK(Hyperband(with_max_iter(27, 2, 3), true).bands() == std::vector<std::int64_t>{3, 9});
  CHECK(Hyperband(with_max_iter(81, 3, 3), true).bands() == std::vector<std::int64_t>{3, 9, 27});
  CHECK(Hyperband(with_max_iter(5, 2, 2), true).bands() == std::vector<std::int64_t>{1, 2});
  // Bands below one iteration are dropped.
  CHECK(Hyperband(with_max_iter(10, 5, 3), true).bands() == std::vector<std::int64_t>{1, 3});
}

TEST_CASE("hyperband: bands from min_iter grow by eta") {
  const auto bands = Hyperband(with_min_iter(3, 3), true).bands();
  REQUIRE(bands.size() > 4);
  CHECK(std::vector<std::int64_t>(bands.begin(), bands.begin() + 4) == std::vector<std::int64_t>{3, 9, 27, 81});
  const auto halves = Hyperband(with_min_iter(1, 2), true).bands();
  CHECK(std::vector<std::int64_t>(halves.begin(), halves.begin() + 4) == std::vector<std::int64_t>{1, 2, 4, 8});
}

TEST_CASE("hyperband: settings that give no band are refused") {
  CHECK_THROWS_AS(Hyperband(with_max_iter(2, 1, 3), true), std::invalid_argument);
  CHECK_THROWS_AS(Hyperband(with_max_iter(27, 0, 3), true), std::invalid_argument);
  CHECK_THROWS_AS(Hyperband(with_min_iter(3, 1), true), std::invalid_argument);
  CHECK_THROWS_AS(Hyperband(with_min_iter(0, 3), true), std::invalid_argument);
  CHECK_THROWS_AS(Hyperband(EarlyTerminate{}, true), std::invalid_argument);
}

TEST_CASE("hyperband: a running trial worse than the band's cutoff is stopped (maximize)") {
  const Hyperband hyperband(with_min_iter(2, 2), /*maximize=*/true);
  const std::map<std::int64_t, MetricHistory> histories = {
      {1, {0.5, 0.8}}, {2, {0.5, 0.7}}, {3, {0.4, 0.3}}, {4, {0.6, 0.6}}};
  // At band 2 the values are 0.8, 0.7, 0.3, 0.6: half of them pass, so the cutoff is 0.6.
  const auto cutoffs = hyperband.cutoffs(histories);
  REQUIRE(!cutoffs.empty());
  CHECK(cutoffs[0] == doctest::Approx(-0.6));  // kept as a loss: lower is better
  CHECK(hyperband.trials_to_stop(histories, {2, 3, 4}) == std::vector<std::int64_t>{3});
  // Trial 1 is finished: it sets the cutoff but is never stopped.
  CHECK(hyperband.trials_to_stop(histories, {}).empty());
}

TEST_CASE("hyperband: minimize compares losses directly") {
  const Hyperband hyperband(with_min_iter(1, 3), /*maximize=*/false);
  const std::map<std::int64_t, MetricHistory> histories = {{1, {1.0}}, {2, {2.0}}, {3, {3.0}}};
  // A third passes: sorted {1, 2, 3}, index int(3/3) = 1, so the cutoff is 2.0 and only 3.0 is worse.
  CHECK(hyperband.trials_to_stop(histories, {1, 2, 3}) == std::vector<std::int64_t>{3});
}

TEST_CASE("hyperband: strict judges the value at the band, the default the best so far") {
  const std::map<std::int64_t, MetricHistory> histories = {
      {1, {0.9, 0.2}}, {2, {0.5, 0.8}}, {3, {0.5, 0.7}}, {4, {0.5, 0.6}}};
  // Band 2 values: 0.2, 0.8, 0.7, 0.6 -> cutoff 0.6 (a half passes).
  CHECK(Hyperband(with_min_iter(2, 2), true).trials_to_stop(histories, {1}).empty());
  CHECK(Hyperband(with_min_iter(2, 2, /*strict=*/true), true).trials_to_stop(histories, {1}) ==
        std::vector<std::int64_t>{1});
}

TEST_CASE("hyperband: a trial is judged at the highest band it reached, not before the first") {
  const Hyperband hyperband(with_min_iter(2, 2), true);
  std::map<std::int64_t, MetricHistory> histories = {{1, {0.9, 0.9, 0.9, 0.9}}, {2, {0.1}}, {3, {0.8, 0.8, 0.8, 0.8}}};
  CHECK(hyperband.trials_to_stop(histories, {2}).empty());  // one report: below band 2
  histories[2] = {0.1, 0.95, 0.1};  // band 2: cutoff 0.9 (of 0.9, 0.95, 0.8); best so far 0.95 passes
  CHECK(hyperband.trials_to_stop(histories, {2}).empty());
  histories[2] = {0.1, 0.05, 0.05, 0.05};  // band 4: cutoff 0.8 (of 0.9, 0.8, 0.05); best 0.1 -> stopped
  CHECK(hyperband.trials_to_stop(histories, {2}) == std::vector<std::int64_t>{2});
}
