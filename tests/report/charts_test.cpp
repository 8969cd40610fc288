// Every chart on a normal sweep and on degenerate inputs: well-formed SVG without NaN, user text escaped,
// no scripts or external references, and the numbers a reader looks for present.
#include <doctest/doctest.h>

#include <limits>

#include "chart_fixtures.h"
#include "markup_check.h"
#include "report/charts.h"

using report_test::count_of;
using report_test::markup_problem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
const std::string kHostileName = "<b>&\"";
const std::string kHostileEscaped = "&lt;b&gt;&amp;&quot;";

// What every chart must be, whatever its data.
void check_chart(const std::string& svg) {
  CAPTURE(svg);
  CHECK(markup_problem(svg) == "");
  CHECK(svg.starts_with("<svg "));
  CHECK(svg.find("viewBox=\"0 0 ") != std::string::npos);
  CHECK(svg.find("width=\"100%\"") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("xlink") == std::string::npos);
  CHECK(svg.find("url(") == std::string::npos);
  CHECK(count_of(svg, "http") == 1);  // only the SVG namespace name, which is never fetched
}

bool has_text(const std::string& svg, const std::string& text) { return svg.find('>' + text + '<') != std::string::npos; }

}  // namespace

TEST_CASE("the markup check itself rejects broken markup") {
  CHECK(markup_problem("<svg><g></svg>") != "");
  CHECK(markup_problem("<svg><text>a < b</text></svg>") != "");
  CHECK(markup_problem("<svg x=\"1\" x=\"2\"/>") != "");
  CHECK(markup_problem("<svg><text>&bogus;</text></svg>") != "");
  CHECK(markup_problem("<svg x=\"nan\"/>") != "");
  CHECK(markup_problem("<svg/><svg/>") != "");
  CHECK(markup_problem("<svg><text>info &amp; more</text></svg>") == "");
}

TEST_CASE("optimization history: states, best-so-far line, ticks and hover text") {
  const std::string svg = report::optimization_history_chart(report_test::history_points(), "val_acc", true);
  check_chart(svg);
  CHECK(has_text(svg, "trial"));
  CHECK(has_text(svg, "val_acc"));
  CHECK(has_text(svg, "best so far"));
  CHECK(has_text(svg, "early terminated"));
  CHECK(has_text(svg, "no value (on the axis)"));
  CHECK(has_text(svg, "0.90"));  // a y tick: values run from about 0.80 to 0.90
  CHECK(has_text(svg, "20"));    // an x tick
  CHECK(svg.find("<title>trial 5 \u00b7 failed\nval_acc = no value") != std::string::npos);
  CHECK(svg.find("learning_rate=0.001 optimizer=adam") != std::string::npos);
  CHECK(count_of(svg, "<circle") >= 18);
  CHECK(count_of(svg, "<title>best: trial ") == 1);  // the best trial's marker says so
}

TEST_CASE("optimization history: the best-so-far line follows the goal") {
  const std::vector<report::HistoryPoint> points = {{1, 0.5, "finished", ""}, {2, 0.3, "finished", ""}, {3, 0.7, "finished", ""}};
  const std::string maximize = report::optimization_history_chart(points, "m", true);
  const std::string minimize = report::optimization_history_chart(points, "m", false);
  CHECK(maximize.find("best m so far: 0.7") != std::string::npos);
  CHECK(minimize.find("best m so far: 0.3") != std::string::npos);
}

TEST_CASE("optimization history: degenerate inputs") {
  const std::string empty = report::optimization_history_chart({}, "val_acc", true);
  check_chart(empty);
  CHECK(has_text(empty, "no data yet"));
  const std::string one = report::optimization_history_chart({{1, 0.9, "finished", ""}}, "val_acc", true);
  check_chart(one);
  CHECK(has_text(one, "0"));  // trial axis 0..2 around the only trial, never a negative trial number
  CHECK(has_text(one, "2"));
  CHECK_FALSE(has_text(one, "-1"));
  check_chart(report::optimization_history_chart({{1, 0.9, "finished", ""}, {2, 0.9, "finished", ""}}, "m", false));
  const std::string no_values = report::optimization_history_chart(
      {{1, std::nullopt, "failed", ""}, {2, kNaN, "diverged", ""}, {3, kInfinity, "weird_state", ""}}, "m", true);
  check_chart(no_values);
  CHECK(has_text(no_values, "no trial has a value of m yet"));
  CHECK(has_text(no_values, "weird state"));
  check_chart(report::optimization_history_chart({{1, 1e-9, "finished", ""}, {2, 3e12, "finished", ""}}, "m", true));
  const std::string hostile = report::optimization_history_chart({{1, 0.5, kHostileName, kHostileName}}, kHostileName, true);
  check_chart(hostile);
  CHECK(hostile.find(kHostileEscaped) != std::string::npos);
  CHECK(hostile.find(kHostileName) == std::string::npos);
}

TEST_CASE("learning curves: one line per trial, the best on top, early-terminated cut with a cross") {
  const auto curves = report_test::learning_curves();
  const std::string svg = report::learning_curves_chart(curves, "val_acc", "epoch");
  check_chart(svg);
  CHECK(count_of(svg, "<polyline") == static_cast<int>(curves.size()));
  CHECK(has_text(svg, "epoch"));
  CHECK(has_text(svg, "best: trial 10"));
  CHECK(has_text(svg, "stopped early here"));
  const int early = static_cast<int>(std::count_if(curves.begin(), curves.end(),
                                                   [](const report::Curve& c) { return c.state == "early_terminated"; }));
  CHECK(early > 0);
  CHECK(count_of(svg, "stroke-dasharray=\"5 3\"") == early);
  // The best trial's line is the last one drawn, so nothing hides it.
  CHECK(svg.rfind("class=\"curve best\"") > svg.rfind("class=\"curve\""));
  CHECK(svg.find("<title>trial 10 (best) \u00b7 finished\nlast val_acc = ") != std::string::npos);
}

TEST_CASE("learning curves: degenerate inputs") {
  const std::string empty = report::learning_curves_chart({}, "loss", "step");
  check_chart(empty);
  CHECK(has_text(empty, "no data yet"));
  check_chart(report::learning_curves_chart({{1, "running", {}, false, ""}}, "loss", "step"));
  const std::string one_point = report::learning_curves_chart({{1, "finished", {{1, 0.5}}, true, ""}}, "loss", "step");
  check_chart(one_point);
  CHECK(count_of(one_point, "<circle") == 1);
  check_chart(report::learning_curves_chart({{1, "early_terminated", {{0.5, kNaN}, {1.5, 2.0}}, false, kHostileName}},
                                            kHostileName, kHostileName));
  check_chart(report::learning_curves_chart({{1, "finished", {{1, 3}, {2, 3}, {3, 3}}, false, ""}}, "m", "step"));
}

TEST_CASE("parallel coordinates: axes, categorical labels, log decades, colour bar and the best line") {
  const std::string svg = report::parallel_coordinates_chart(report_test::parallel_axes(), report_test::parallel_lines(),
                                                             "val_acc", true);
  check_chart(svg);
  for (const char* label : {"sgd", "momentum", "nesterov", "rmsprop", "adam", "nadam"}) CHECK(has_text(svg, label));
  CHECK(has_text(svg, "1e-4"));   // the log axis's decades
  CHECK(has_text(svg, "0.01"));
  CHECK(has_text(svg, "val_acc"));
  CHECK(svg.find("class=\"color-bar\"") != std::string::npos);
  CHECK(svg.find("fill=\"#fde725\"") == std::string::npos);  // slices sample the map's inside, ...
  CHECK(svg.find("stroke=\"#fde725\"") != std::string::npos);  // ... the best line its bright end
  CHECK(svg.find("<title>best: trial 20\nval_acc = 0.9") != std::string::npos);
  CHECK(svg.find("stroke=\"#b8b8b8\"") != std::string::npos);  // trials 7 and 14 have no metric
  CHECK(has_text(svg, "colour: val_acc (brighter = higher = better); grey: no value"));
  // A long name is wrapped over several lines, cut at its underscores.
  CHECK(svg.find("weight_decay_") != std::string::npos);
  CHECK(svg.find("<title>weight_decay_for_all_the_layers_of_the_network</title>") != std::string::npos);
}

TEST_CASE("parallel coordinates: minimising puts the bright end on the lowest value") {
  const std::vector<report::ParallelLine> lines = {{1, {1.0}, 0.2}, {2, {2.0}, 0.5}, {3, {3.0}, 0.9}};
  const std::string svg = report::parallel_coordinates_chart({{"x", false, {}, false}}, lines, "loss", false);
  check_chart(svg);
  CHECK(svg.find("<title>best: trial 1\n") != std::string::npos);
  CHECK(has_text(svg, "colour: loss (brighter = lower = better)"));
}

TEST_CASE("parallel coordinates: degenerate inputs") {
  const std::string empty = report::parallel_coordinates_chart({}, {}, "m", true);
  check_chart(empty);
  CHECK(has_text(empty, "no data yet"));
  check_chart(report::parallel_coordinates_chart({}, {{1, {}, 0.5}}, "m", true));
  check_chart(report::parallel_coordinates_chart(report_test::parallel_axes(), {{1, {}, std::nullopt}}, "m", true));
  // One category, equal metrics, an index out of range, a log axis with a non-positive value, NaN.
  const std::vector<report::ParallelAxis> axes = {{"single", true, {"only"}, false},
                                                  {"log_but_zero", false, {}, true},
                                                  {kHostileName, true, {kHostileName, "b"}, false}};
  const std::vector<report::ParallelLine> lines = {{1, {0.0, 0.0, 7.0}, 0.5}, {2, {0.0, 1.0, 1.0}, 0.5},
                                                   {3, {kNaN, kInfinity, -1.0}, kNaN}};
  const std::string odd = report::parallel_coordinates_chart(axes, lines, "m", true);
  check_chart(odd);
  CHECK(has_text(odd, "only"));
  CHECK(odd.find(kHostileEscaped) != std::string::npos);
  CHECK(odd.find(kHostileName) == std::string::npos);
}

TEST_CASE("importance: bars in the given order with percentages") {
  const std::vector<report::ImportanceBar> bars = {{"learning_rate", 0.421}, {"optimizer", 0.3}, {"batch_size", 0.05},
                                                   {kHostileName, 0.0}};
  const std::string svg = report::importance_chart(bars);
  check_chart(svg);
  CHECK(has_text(svg, "42.1%"));
  CHECK(has_text(svg, "30.0%"));
  CHECK(has_text(svg, "5.0%"));
  CHECK(has_text(svg, "0.0%"));
  CHECK(has_text(svg, "40%"));  // an axis tick
  CHECK(svg.find("learning_rate") < svg.find("optimizer"));
  CHECK(svg.find(kHostileEscaped) != std::string::npos);
  CHECK(count_of(svg, "<rect") == 4);
}

TEST_CASE("importance: degenerate inputs") {
  const std::string empty = report::importance_chart({});
  check_chart(empty);
  CHECK(has_text(empty, "no data yet"));
  check_chart(report::importance_chart({{"only", 1.0}}));
  check_chart(report::importance_chart({{"zero", 0.0}, {"not_a_number", kNaN}, {"negative", -0.2}, {"huge", 7.0}}));
  check_chart(report::importance_chart({{std::string(300, 'x'), 0.5}}));
}

TEST_CASE("confusion matrix: counts in the cells, class names, recall and accuracy") {
  const auto matrix = report_test::confusion_matrix();
  const std::string svg = report::confusion_matrix_chart(matrix, report_test::class_names());
  check_chart(svg);
  CHECK(has_text(svg, "true class"));
  CHECK(has_text(svg, "predicted class"));
  CHECK(count_of(svg, ">Ankle boot<") == 2);  // a row name and a column name
  CHECK(has_text(svg, "800"));
  CHECK(has_text(svg, "953"));
  CHECK(count_of(svg, "<rect") == 100);
  std::int64_t total = 0, correct = 0;
  for (std::size_t r = 0; r < matrix.size(); ++r) {
    for (std::size_t c = 0; c < matrix.size(); ++c) total += matrix[r][c];
    correct += matrix[r][r];
  }
  CHECK(svg.find(std::to_string(correct) + " of " + std::to_string(total) + ")") != std::string::npos);
  CHECK(svg.find("fill=\"#fff\"") != std::string::npos);  // white counts on the dark diagonal
  CHECK(has_text(svg, "recall"));
}

TEST_CASE("confusion matrix: degenerate inputs") {
  const std::string empty = report::confusion_matrix_chart({}, {});
  check_chart(empty);
  CHECK(has_text(empty, "no data yet"));
  const std::string one = report::confusion_matrix_chart({{5}}, {"only"});
  check_chart(one);
  CHECK(has_text(one, "100%"));
  const std::string zeros = report::confusion_matrix_chart({{0, 0}, {0, 0}}, {});
  check_chart(zeros);
  CHECK(has_text(zeros, "no predictions"));
  check_chart(report::confusion_matrix_chart({{1, 2, 3}, {4}}, {kHostileName}));  // ragged, names missing
  std::vector<std::vector<std::int64_t>> large(40, std::vector<std::int64_t>(40, 123456789));
  check_chart(report::confusion_matrix_chart(large, {}));
}
