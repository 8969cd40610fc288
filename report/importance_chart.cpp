// Parameter importance as horizontal bars, in the order given (largest first), each labelled with its
// share of the explained variance as a percentage.
#include <algorithm>
#include <cmath>

#include "report/chart_axes.h"
#include "report/chart_marks.h"
#include "report/charts.h"
#include "report/number_format.h"

namespace report {
namespace {

constexpr double kWidth = 640;
constexpr double kBarPitch = 26;
constexpr double kBarHeight = 18;
constexpr double kLabelFontSize = 12;
constexpr double kMarginTop = 10;
constexpr double kMarginRight = 60;  // room for the percentage after the longest bar
constexpr double kMarginBottom = 40;
constexpr const char* kBarColor = "#4c78a8";

double shown_fraction(double importance) { return std::isfinite(importance) ? std::clamp(importance, 0.0, 1.0) : 0.0; }

}  // namespace

std::string importance_chart(const std::vector<ImportanceBar>& bars) {
  double widest_label = 60;
  double largest = 0;
  for (const ImportanceBar& bar : bars) {
    widest_label = std::max(widest_label, text_width(bar.parameter, kLabelFontSize));
    largest = std::max(largest, shown_fraction(bar.importance));
  }
  const double label_width = std::min(widest_label, 220.0);
  const double rows = std::max<double>(1, static_cast<double>(bars.size()));
  const PlotArea area{label_width + 22, kMarginTop, kWidth - label_width - 22 - kMarginRight,
                      rows * kBarPitch + (bars.empty() ? 60 : 0)};
  SvgWriter svg(kWidth, area.bottom() + kMarginBottom, "parameter importance");
  if (bars.empty()) {
    draw_no_data(svg, area, "no data yet");
    return svg.finish();
  }
  Scale x = Scale::linear(0, std::max(largest, 0.01), area.left, area.right(),
                          LinearOptions{.target_ticks = 5, .include_zero = true});
  x.relabel([](double value) {
    const double percent = value * 100;
    return format_compact(std::round(percent * 1000) / 1000) + '%';
  });
  draw_axis(svg, x, area, AxisSpec{.side = AxisSide::bottom, .position = area.bottom(), .title = "share of variance explained"});

  svg.open("g", Attributes().add("class", "bars").add("font-size", kLabelFontSize));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double fraction = shown_fraction(bars[i].importance);
    const double row_top = area.top + kBarPitch * static_cast<double>(i);
    const double middle = row_top + kBarPitch / 2;
    const double bar_end = x(fraction);
    const std::string percent = format_percent(fraction);
    svg.open("g");
    svg.title(bars[i].parameter + ": " + percent);
    svg.element("text",
                Attributes().add("x", area.left - 8).add("y", middle + 4).add("text-anchor", "end").add("fill", "#333"),
                truncate_to_width(bars[i].parameter, label_width, kLabelFontSize));
    svg.element("rect", Attributes()
                            .add("x", area.left)
                            .add("y", middle - kBarHeight / 2)
                            .add("width", std::max(0.0, bar_end - area.left))
                            .add("height", kBarHeight)
                            .add("rx", 2)
                            .add("fill", kBarColor));
    svg.element("text", Attributes().add("x", bar_end + 6).add("y", middle + 4).add("fill", "#333"), percent);
    svg.close();
  }
  svg.close();
  return svg.finish();
}

}  // namespace report
