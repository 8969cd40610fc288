// Marks every chart shares: point markers (dot, triangle, cross), the legend that explains them, and the
// note an empty chart shows, so that all figures read alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/chart_axes.h"
#include "report/svg_writer.h"

namespace report {

enum class Swatch { dot, triangle, cross, line, dashed_line, thick_line };

struct LegendEntry {
  std::string label;
  std::string color;
  Swatch swatch = Swatch::dot;
};

// A marker centred on (x, y) with hover text (none when `title` is empty).
void draw_marker(SvgWriter& svg, Swatch swatch, double x, double y, const std::string& color, std::string_view title);
// Rows the legend needs when it may be `max_width` wide.
int legend_rows(const std::vector<LegendEntry>& entries, double max_width);
constexpr double kLegendRowHeight = 18;
// Entries left to right from (x, top), wrapping into rows of at most `max_width`.
void draw_legend(SvgWriter& svg, const std::vector<LegendEntry>& entries, double x, double top, double max_width);
// The x-y charts (optimization history, learning curves) share one frame so they line up on the page:
// kXyChartWidth wide, the legend on top, the plot area under it, kXyChartBottom below it for the x axis.
constexpr double kXyChartWidth = 760;
constexpr double kXyChartBottom = 48;
PlotArea xy_plot_area(const std::vector<LegendEntry>& legend);

// A framed plot area with a centred note, for a chart without data.
void draw_no_data(SvgWriter& svg, const PlotArea& area, std::string_view note);

}  // namespace report
