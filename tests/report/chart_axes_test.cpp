// Nice ticks, scales, number formats, colour maps and escaping: the pieces every chart is built from.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "report/chart_axes.h"
#include "report/color_map.h"
#include "report/number_format.h"
#include "report/svg_writer.h"

using report::format_compact;
using report::format_percent;
using report::format_tick;
using report::LinearOptions;
using report::Scale;

namespace {

std::vector<std::string> labels_of(const Scale& scale) {
  std::vector<std::string> labels;
  for (const auto& tick : scale.ticks()) labels.push_back(tick.label);
  return labels;
}

}  // namespace

TEST_CASE("nice steps are 1, 2 or 5 times a power of ten") {
  CHECK(report::nice_step(1, 5) == doctest::Approx(0.2));
  CHECK(report::nice_step(100, 4) == doctest::Approx(20));
  CHECK(report::nice_step(7, 6) == doctest::Approx(1));
  CHECK(report::nice_step(0.08, 5) == doctest::Approx(0.02));
  CHECK(report::nice_step(3e-6, 6) == doctest::Approx(5e-7));
  CHECK(report::nice_step(0, 5) == 1);  // degenerate span: a usable step, not a division by zero
}

TEST_CASE("nice ticks are exact multiples of the step inside the range") {
  const auto ticks = report::nice_ticks(0.83, 0.91, 5);
  REQUIRE(ticks.size() == 4);
  CHECK(ticks[0] == doctest::Approx(0.84));
  CHECK(ticks[3] == doctest::Approx(0.90));
  const auto from_zero = report::nice_ticks(-1, 1, 4);
  CHECK(from_zero == std::vector<double>{-1, -0.5, 0, 0.5, 1});  // zero is exactly 0, not 1e-17
  CHECK(report::nice_ticks(1, 1, 5).empty());
  CHECK(report::nice_ticks(0, std::numeric_limits<double>::quiet_NaN(), 5).empty());
}

TEST_CASE("log ticks are decades, with 2x and 5x on a short range") {
  CHECK(report::log_ticks(1e-5, 1e-1).size() == 5);
  const auto short_range = report::log_ticks(0.001, 0.01);
  REQUIRE(short_range.size() == 4);
  CHECK(short_range[1] == doctest::Approx(0.002));
  CHECK(short_range[2] == doctest::Approx(0.005));
  CHECK(report::log_ticks(1e-12, 1e12).size() <= 9);  // 24 decades: every third one, not 25 crowded labels
  CHECK(report::log_ticks(0, 1).empty());
}

TEST_CASE("a linear scale widens to ticks and maps its ends to the range") {
  const Scale scale = Scale::linear(0.83, 0.91, 300, 0, LinearOptions{.target_ticks = 5});
  CHECK(scale.low() == doctest::Approx(0.82));
  CHECK(scale.high() == doctest::Approx(0.92));
  CHECK(scale(0.82) == doctest::Approx(300));
  CHECK(scale(0.92) == doctest::Approx(0));
  CHECK(labels_of(scale) == std::vector<std::string>{"0.82", "0.84", "0.86", "0.88", "0.90", "0.92"});
}

TEST_CASE("degenerate data still give a proper scale") {
  const Scale one = Scale::linear(5, 5, 0, 100, {});
  CHECK(one.low() < 5);
  CHECK(one.high() > 5);
  CHECK(std::isfinite(one(5)));
  const Scale trial = Scale::linear(1, 1, 0, 100, LinearOptions{.integer_ticks = true});
  CHECK(labels_of(trial) == std::vector<std::string>{"0", "1", "2"});
  const Scale zero = Scale::linear(0, 0, 0, 100, {});
  CHECK(zero.low() < 0);
  CHECK(zero.high() > 0);
  const Scale none = Scale::linear(std::nan(""), std::nan(""), 0, 100, {});
  CHECK(none.low() == 0);
  CHECK(none.high() == 1);
  const Scale huge = Scale::linear(-1e308, 1e308, 0, 100, {});
  CHECK(std::isfinite(huge(1e308)));
  CHECK(std::isfinite(huge(std::numeric_limits<double>::infinity())));
  const Scale near = Scale::linear(1e15, 1e15 + 1, 0, 100, {});
  CHECK(near.ticks().size() <= 20);
}

TEST_CASE("integer scales never put a tick between two integers") {
  const Scale scale = Scale::linear(1, 3, 0, 600, LinearOptions{.target_ticks = 10, .integer_ticks = true});
  for (const auto& tick : scale.ticks()) CHECK(tick.value == std::floor(tick.value));
}

TEST_CASE("a log scale spans whole decades and labels them compactly") {
  const Scale scale = Scale::log(2e-5, 3e-2, 0, 100);
  CHECK(scale.is_log());
  CHECK(scale.low() == doctest::Approx(1e-5));
  CHECK(scale.high() == doctest::Approx(1e-1));
  CHECK(scale(1e-3) == doctest::Approx(50));
  CHECK(labels_of(scale) == std::vector<std::string>{"1e-5", "1e-4", "0.001", "0.01", "0.1"});
  CHECK_FALSE(Scale::log(-1, 10, 0, 100).is_log());  // non-positive data fall back to linear
  const Scale single = Scale::log(0.01, 0.01, 0, 100);
  CHECK(single(0.01) == doctest::Approx(50));
}

TEST_CASE("category scales space labels evenly, a single one in the middle") {
  const Scale three = Scale::categories({"a", "b", "c"}, 200, 0);
  CHECK(three(0) == doctest::Approx(200));
  CHECK(three(1) == doctest::Approx(100));
  CHECK(labels_of(three) == std::vector<std::string>{"a", "b", "c"});
  CHECK(Scale::categories({"only"}, 200, 0)(0) == doctest::Approx(100));
  std::vector<std::string> many(100, "x");
  CHECK(Scale::categories(many, 200, 0).ticks().size() < 20);  // thinned rather than overlapping
}

TEST_CASE("compact numbers have three significant digits and go scientific at the extremes") {
  CHECK(format_compact(0.88123) == "0.881");
  CHECK(format_compact(0.5) == "0.5");
  CHECK(format_compact(-0.5) == "-0.5");
  CHECK(format_compact(12.345) == "12.3");
  CHECK(format_compact(12345) == "12345");
  CHECK(format_compact(123456) == "1.23e5");
  CHECK(format_compact(0.001) == "0.001");
  CHECK(format_compact(0.00012) == "1.2e-4");
  CHECK(format_compact(1.5e-5) == "1.5e-5");
  CHECK(format_compact(9.999) == "10");
  CHECK(format_compact(0) == "0");
  CHECK(format_compact(std::nan("")) == "\u2013");
  CHECK(format_compact(std::numeric_limits<double>::infinity()) == "\u2013");
}

TEST_CASE("tick labels carry the decimals their step needs") {
  CHECK(format_tick(0.9, 0.02) == "0.90");
  CHECK(format_tick(1000.2, 0.2) == "1000.2");
  CHECK(format_tick(-1e-17, 0.1) == "0");
  CHECK(format_tick(40, 20) == "40");
  CHECK(format_tick(2e-5, 1e-5) == "2e-5");
  CHECK(format_tick(1.5e6, 5e5) == "1.5e6");
}

TEST_CASE("percentages keep one decimal") {
  CHECK(format_percent(0.421) == "42.1%");
  CHECK(format_percent(0) == "0.0%");
  CHECK(format_percent(1) == "100%");
  CHECK(format_percent(0.9996) == "100.0%");  // not rounded up to a perfect score
}

TEST_CASE("colour maps run from their dark to their light end") {
  CHECK(report::css_hex(report::viridis(0)) == "#440154");
  CHECK(report::css_hex(report::viridis(1)) == "#fde725");
  CHECK(report::css_hex(report::viridis(-3)) == "#440154");
  CHECK(report::css_hex(report::viridis(std::nan(""))) == "#440154");
  CHECK(report::css_hex(report::blues(0)) == "#f7fbff");
  CHECK(report::css_hex(report::blues(1)) == "#08306b");
  double previous = -1;
  for (int i = 0; i <= 20; ++i) {  // perceptual: lightness grows steadily along viridis
    const double lightness = report::luminance(report::viridis(i / 20.0));
    CHECK(lightness > previous);
    previous = lightness;
  }
}

TEST_CASE("trial states have distinct colours") {
  const std::vector<std::string> states(report::kTrialStates.begin(), report::kTrialStates.end());
  CHECK(states.size() == 7);  // interrupted too
  for (std::size_t i = 0; i < states.size(); ++i) {
    for (std::size_t j = i + 1; j < states.size(); ++j) CHECK(report::state_color(states[i]) != report::state_color(states[j]));
  }
  CHECK(report::state_label("early_terminated") == "early terminated");
}

TEST_CASE("markup text is escaped and numbers are always finite") {
  CHECK(report::xml_escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;'");
  CHECK(report::xml_escape("a\x01" "b") == "a b");  // control characters are not allowed in XML
  CHECK(report::svg_number(1.004) == "1");
  CHECK(report::svg_number(3.14159) == "3.14");
  CHECK(report::svg_number(12.5) == "12.5");
  CHECK(report::svg_number(-0.001) == "0");
  CHECK(report::svg_number(std::nan("")) == "0");
  CHECK(report::svg_number(std::numeric_limits<double>::infinity()) == "10000000");
}

TEST_CASE("text width and truncation count characters, not bytes") {
  CHECK(report::text_width("\u00e9\u00e9", 10) == doctest::Approx(report::text_width("ee", 10)));
  const std::string cut = report::truncate_to_width("a_very_long_parameter_name", 60, 12);
  CHECK(cut.size() < std::string("a_very_long_parameter_name").size());
  CHECK(cut.ends_with("\u2026"));
  const std::string accented = report::truncate_to_width("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 30, 12);
  CHECK(accented.ends_with("\u2026"));
  CHECK((accented.size() - 3) % 2 == 0);  // whole two-byte characters kept
}
