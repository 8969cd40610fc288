#include "report/chart_marks.h"

#include <algorithm>

namespace report {
namespace {

constexpr double kLegendFontSize = 12;
constexpr double kSwatchWidth = 18;
constexpr double kSwatchGap = 5;
constexpr double kEntryGap = 16;

double entry_width(const LegendEntry& entry) {
  return kSwatchWidth + kSwatchGap + text_width(entry.label, kLegendFontSize) + kEntryGap;
}

void draw_swatch(SvgWriter& svg, const LegendEntry& entry, double x, double middle) {
  const double center = x + kSwatchWidth / 2;
  switch (entry.swatch) {
    case Swatch::line:
    case Swatch::dashed_line:
    case Swatch::thick_line: {
      Attributes line;
      line.add("x1", x).add("x2", x + kSwatchWidth).add("y1", middle).add("y2", middle).add("stroke", entry.color);
      line.add("stroke-width", entry.swatch == Swatch::thick_line ? 3 : 2);
      if (entry.swatch == Swatch::dashed_line) line.add("stroke-dasharray", "4 3");
      svg.element("line", line);
      break;
    }
    default:
      draw_marker(svg, entry.swatch, center, middle, entry.color, "");
  }
}

}  // namespace

void draw_marker(SvgWriter& svg, Swatch swatch, double x, double y, const std::string& color, std::string_view title) {
  Attributes marker;
  std::string tag;
  switch (swatch) {
    case Swatch::triangle: {
      tag = "path";
      PathData d;
      d.move_to(x, y - 5).line_to(x + 4.5, y + 3).line_to(x - 4.5, y + 3);
      marker.add("d", d.text() + " Z").add("fill", color);
      break;
    }
    case Swatch::cross: {
      tag = "path";
      PathData d;
      d.move_to(x - 4, y - 4).line_to(x + 4, y + 4).move_to(x - 4, y + 4).line_to(x + 4, y - 4);
      marker.add("d", d.text()).add("stroke", color).add("stroke-width", 2.2).add("stroke-linecap", "round");
      break;
    }
    default:
      tag = "circle";
      marker.add("cx", x).add("cy", y).add("r", 4.5).add("fill", color).add("stroke", "#fff").add("stroke-width", 1);
  }
  if (title.empty()) {
    svg.element(tag, marker);
  } else {
    svg.element_with_title(tag, marker, title);
  }
}

int legend_rows(const std::vector<LegendEntry>& entries, double max_width) {
  int rows = entries.empty() ? 0 : 1;
  double used = 0;
  for (const LegendEntry& entry : entries) {
    const double width = entry_width(entry);
    if (used > 0 && used + width > max_width) {
      ++rows;
      used = 0;
    }
    used += width;
  }
  return rows;
}

void draw_legend(SvgWriter& svg, const std::vector<LegendEntry>& entries, double x, double top, double max_width) {
  if (entries.empty()) return;
  svg.open("g", Attributes().add("class", "legend").add("font-size", kLegendFontSize).add("fill", "#333"));
  double used = 0;
  double row_top = top;
  for (const LegendEntry& entry : entries) {
    const double width = entry_width(entry);
    if (used > 0 && used + width > max_width) {
      row_top += kLegendRowHeight;
      used = 0;
    }
    const double middle = row_top + kLegendRowHeight / 2;
    draw_swatch(svg, entry, x + used, middle);
    svg.element("text", Attributes().add("x", x + used + kSwatchWidth + kSwatchGap).add("y", middle + 4), entry.label);
    used += width;
  }
  svg.close();
}

void draw_no_data(SvgWriter& svg, const PlotArea& area, std::string_view note) {
  svg.element("rect", Attributes()
                          .add("x", area.left)
                          .add("y", area.top)
                          .add("width", std::max(0.0, area.width))
                          .add("height", std::max(0.0, area.height))
                          .add("fill", "#fafafa")
                          .add("stroke", "#ddd")
                          .add("stroke-dasharray", "4 3"));
  svg.element("text", Attributes()
                          .add("x", area.left + area.width / 2)
                          .add("y", area.top + area.height / 2 + 5)
                          .add("text-anchor", "middle")
                          .add("font-size", 13)
                          .add("fill", "#888"),
              note);
}

PlotArea xy_plot_area(const std::vector<LegendEntry>& legend) {
  constexpr double kLeft = 72;  // room for the y tick labels and the axis title
  constexpr double kRight = 20;
  constexpr double kPlotHeight = 300;
  const double width = kXyChartWidth - kLeft - kRight;
  const double legend_height = legend_rows(legend, width) * kLegendRowHeight;
  return PlotArea{kLeft, 12 + legend_height + (legend.empty() ? 0 : 8), width, kPlotHeight};
}

}  // namespace report
