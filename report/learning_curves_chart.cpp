// Learning curves: the metric by step, one thin line per trial and the best trial on top. Early-terminated
// trials are dashed and end in a cross, so a cut-short curve never reads as a converged one.
#include <algorithm>
#include <cmath>

#include "report/chart_axes.h"
#include "report/chart_data.h"
#include "report/chart_marks.h"
#include "report/charts.h"
#include "report/color_map.h"
#include "results/text_format.h"

namespace report {
namespace {

constexpr const char* kBestColor = "#111";

bool is_cut_short(const Curve& curve) { return curve.state == "early_terminated"; }

std::vector<std::pair<double, double>> finite_points(const Curve& curve) {
  std::vector<std::pair<double, double>> points;
  for (const auto& [step, value] : curve.points) {
    if (std::isfinite(step) && std::isfinite(value)) points.emplace_back(step, value);
  }
  return points;
}

std::string hover_text(const Curve& curve, const std::vector<std::pair<double, double>>& points,
                       const std::string& metric, const std::string& step_label) {
  std::string text = "trial " + std::to_string(curve.trial) + (curve.best ? " (best)" : "") + " \u00b7 " +
                     state_label(curve.state);
  const auto& [step, value] = points.back();
  text += "\nlast " + metric + " = " + results::format_number(value) + " at " + step_label + ' ' +
          results::format_number(step);
  if (!curve.details.empty()) text += '\n' + curve.details;
  return text;
}

std::vector<LegendEntry> legend_for(const std::vector<Curve>& curves) {
  std::vector<LegendEntry> entries;
  for (const std::string_view state : kTrialStates) {
    const bool present = std::any_of(curves.begin(), curves.end(),
                                     [&](const Curve& c) { return c.state == state && !c.points.empty(); });
    if (!present) continue;
    const bool cut = state == "early_terminated";
    entries.push_back({state_label(state), state_color(state), cut ? Swatch::dashed_line : Swatch::line});
    if (cut) entries.push_back({"stopped early here", state_color(state), Swatch::cross});
  }
  for (const Curve& curve : curves) {
    if (curve.best && !curve.points.empty()) {
      entries.push_back({"best: trial " + std::to_string(curve.trial), kBestColor, Swatch::thick_line});
      break;
    }
  }
  return entries;
}

void draw_curve(SvgWriter& svg, const Curve& curve, const Scale& x, const Scale& y, const std::string& metric,
                const std::string& step_label) {
  const auto points = finite_points(curve);
  if (points.empty()) return;
  const std::string color = curve.best ? kBestColor : state_color(curve.state);
  const std::string title = hover_text(curve, points, metric, step_label);
  svg.open("g", Attributes().add("class", curve.best ? "curve best" : "curve"));
  if (points.size() == 1) {
    svg.element_with_title("circle",
                           Attributes()
                               .add("cx", x(points[0].first))
                               .add("cy", y(points[0].second))
                               .add("r", curve.best ? 3.5 : 2.5)
                               .add("fill", color)
                               .add("fill-opacity", curve.best ? 1 : 0.7),
                           title);
  } else {
    std::string coordinates;
    for (const auto& [step, value] : points) {
      if (!coordinates.empty()) coordinates += ' ';
      coordinates += svg_number(x(step)) + ',' + svg_number(y(value));
    }
    Attributes line;
    line.add("points", coordinates).add("fill", "none").add("stroke", color);
    line.add("stroke-width", curve.best ? 2.6 : 1.3).add("stroke-opacity", curve.best ? 1 : 0.55);
    line.add("stroke-linejoin", "round");
    if (is_cut_short(curve)) line.add("stroke-dasharray", "5 3");
    svg.element_with_title("polyline", line, title);
  }
  if (is_cut_short(curve)) {
    draw_marker(svg, Swatch::cross, x(points.back().first), y(points.back().second), state_color(curve.state), title);
  }
  svg.close();
}

}  // namespace

std::string learning_curves_chart(const std::vector<Curve>& curves, const std::string& metric,
                                  const std::string& step_label) {
  Extent steps, values;
  bool integer_steps = true;
  for (const Curve& curve : curves) {
    for (const auto& [step, value] : finite_points(curve)) {
      steps.add(step);
      values.add(value);
      integer_steps = integer_steps && step == std::floor(step);
    }
  }
  const auto legend = legend_for(curves);
  const PlotArea area = xy_plot_area(legend);
  SvgWriter svg(kXyChartWidth, area.bottom() + kXyChartBottom, "learning curves of " + metric);
  draw_legend(svg, legend, area.left, 10, area.width);
  if (steps.empty()) {
    draw_no_data(svg, area, "no data yet");
    return svg.finish();
  }
  const Scale x = Scale::linear(steps.low(), steps.high(), area.left, area.right(),
                                LinearOptions{.target_ticks = 10, .integer_ticks = integer_steps});
  const Scale y = Scale::linear(values.low(), values.high(), area.bottom(), area.top,
                                LinearOptions{.target_ticks = 6, .padding = 0.04});
  draw_axis(svg, x, area, AxisSpec{.side = AxisSide::bottom, .position = area.bottom(), .title = step_label});
  draw_axis(svg, y, area, AxisSpec{.side = AxisSide::left, .position = area.left, .title = metric});
  // The best trial last, so that it is drawn over the others.
  std::vector<const Curve*> order;
  for (const Curve& curve : curves) order.push_back(&curve);
  std::stable_partition(order.begin(), order.end(), [](const Curve* c) { return !c->best; });
  for (const Curve* curve : order) draw_curve(svg, *curve, x, y, metric, step_label);
  return svg.finish();
}

}  // namespace report
