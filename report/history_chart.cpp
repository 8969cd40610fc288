// The optimization history: every trial's value by trial number, coloured by state, with the best-so-far
// line. Trials without a value sit as triangles on the bottom axis, so failures stay visible.
#include <algorithm>
#include <set>

#include "report/chart_axes.h"
#include "report/chart_data.h"
#include "report/chart_marks.h"
#include "report/charts.h"
#include "report/color_map.h"
#include "results/text_format.h"

namespace report {
namespace {

constexpr const char* kBestLineColor = "#222";

std::string hover_text(const HistoryPoint& point, const std::string& metric) {
  std::string text = "trial " + std::to_string(point.trial) + " \u00b7 " + state_label(point.state);
  const auto value = plottable(point.value);
  text += '\n' + metric + " = " + (value ? results::format_number(*value) : std::string("no value"));
  if (!point.details.empty()) text += '\n' + point.details;
  return text;
}

std::vector<LegendEntry> legend_for(const std::vector<HistoryPoint>& points, bool any_missing, bool any_value) {
  std::vector<LegendEntry> entries;
  const auto present = [&](std::string_view state) {
    return std::any_of(points.begin(), points.end(), [&](const HistoryPoint& p) { return p.state == state; });
  };
  for (const std::string_view state : kTrialStates) {
    if (present(state)) entries.push_back({state_label(state), state_color(state), Swatch::dot});
  }
  std::set<std::string> others;  // states this chart does not know, in name order
  for (const HistoryPoint& point : points) {
    if (std::find(kTrialStates.begin(), kTrialStates.end(), point.state) == kTrialStates.end()) others.insert(point.state);
  }
  for (const std::string& state : others) {
    entries.push_back({state.empty() ? "unknown" : state_label(state), state_color(state), Swatch::dot});
  }
  if (any_missing) entries.push_back({"no value (on the axis)", "#777", Swatch::triangle});
  if (any_value) entries.push_back({"best so far", kBestLineColor, Swatch::line});
  return entries;
}

void draw_best_so_far(SvgWriter& svg, const std::vector<HistoryPoint>& sorted, const Scale& x, const Scale& y,
                      bool maximize, const std::string& metric) {
  PathData path;
  std::optional<double> best;
  for (const HistoryPoint& point : sorted) {
    const auto value = plottable(point.value);
    if (!best) {
      if (!value) continue;
      best = value;
      path.move_to(x(point.trial), y(*best));
      continue;
    }
    path.horizontal_to(x(point.trial));
    if (value && is_better(*value, *best, maximize)) {
      best = value;
      path.vertical_to(y(*best));
    }
  }
  if (path.empty()) return;
  svg.element_with_title("path",
                         Attributes()
                             .add("d", path.text())
                             .add("fill", "none")
                             .add("stroke", kBestLineColor)
                             .add("stroke-width", 1.8)
                             .add("stroke-opacity", 0.85)
                             .add("stroke-linejoin", "round"),
                         "best " + metric + " so far: " + results::format_number(*best));
}

}  // namespace

std::string optimization_history_chart(const std::vector<HistoryPoint>& points, const std::string& metric,
                                       bool maximize) {
  std::vector<HistoryPoint> sorted = points;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const HistoryPoint& a, const HistoryPoint& b) { return a.trial < b.trial; });
  Extent trials, values;
  bool any_missing = false;
  for (const HistoryPoint& point : sorted) {
    trials.add(point.trial);
    if (const auto value = plottable(point.value)) {
      values.add(*value);
    } else {
      any_missing = true;
    }
  }
  const auto legend = legend_for(sorted, any_missing, !values.empty());
  const PlotArea area = xy_plot_area(legend);
  const double height = area.bottom() + kXyChartBottom;
  SvgWriter svg(kXyChartWidth, height, "optimization history of " + metric);
  draw_legend(svg, legend, area.left, 10, area.width);
  if (sorted.empty()) {
    draw_no_data(svg, area, "no data yet");
    return svg.finish();
  }

  const Scale x = Scale::linear(trials.low(), trials.high(), area.left, area.right(),
                                LinearOptions{.target_ticks = 10, .integer_ticks = true, .padding = 0.02});
  const Scale y = Scale::linear(values.low(), values.high(), area.bottom(), area.top,
                                LinearOptions{.target_ticks = 6, .padding = 0.04});
  draw_axis(svg, x, area, AxisSpec{.side = AxisSide::bottom, .position = area.bottom(), .title = "trial"});
  draw_axis(svg, y, area, AxisSpec{.side = AxisSide::left, .position = area.left, .title = metric});
  if (values.empty()) {
    svg.element("text", Attributes()
                            .add("x", area.left + area.width / 2)
                            .add("y", area.top + area.height / 2)
                            .add("text-anchor", "middle")
                            .add("fill", "#888")
                            .add("font-size", 13),
                "no trial has a value of " + metric + " yet");
  }
  draw_best_so_far(svg, sorted, x, y, maximize, metric);

  // A ring marks the best trial, so the answer of the sweep is found at a glance.
  const HistoryPoint* best = nullptr;
  for (const HistoryPoint& point : sorted) {
    const auto value = plottable(point.value);
    if (value && (!best || is_better(*value, *best->value, maximize))) best = &point;
  }
  if (best) {
    svg.element("circle", Attributes()
                              .add("cx", x(best->trial))
                              .add("cy", y(*best->value))
                              .add("r", 8)
                              .add("fill", "none")
                              .add("stroke", kBestLineColor)
                              .add("stroke-width", 1.5));
  }
  svg.open("g", Attributes().add("class", "points"));
  for (const HistoryPoint& point : sorted) {
    const auto value = plottable(point.value);
    const std::string color = state_color(point.state);
    if (value) {
      draw_marker(svg, Swatch::dot, x(point.trial), y(*value), color,
                  (&point == best ? "best: " : "") + hover_text(point, metric));
    } else {
      draw_marker(svg, Swatch::triangle, x(point.trial), area.bottom() - 5, color, hover_text(point, metric));
    }
  }
  svg.close();
  return svg.finish();
}

}  // namespace report
