// The confusion matrix as a heatmap: rows are true classes, columns predicted ones; each cell shows its
// count and is shaded by its share of the row, and the right column gives each class's recall.
#include <algorithm>
#include <cmath>

#include "report/chart_axes.h"
#include "report/chart_marks.h"
#include "report/charts.h"
#include "report/color_map.h"
#include "report/number_format.h"

namespace report {
namespace {

constexpr double kLabelFontSize = 12;
constexpr double kMostMatrixSide = 460;
constexpr double kMarginTop = 34;  // the accuracy line and the recall header
constexpr double kRecallWidth = 64;

std::int64_t count_at(const std::vector<std::vector<std::int64_t>>& matrix, std::size_t row, std::size_t column) {
  if (row >= matrix.size() || column >= matrix[row].size()) return 0;
  return std::max<std::int64_t>(0, matrix[row][column]);
}

std::string class_name(const std::vector<std::string>& names, std::size_t index) {
  return index < names.size() && !names[index].empty() ? names[index] : std::to_string(index);
}

}  // namespace

std::string confusion_matrix_chart(const std::vector<std::vector<std::int64_t>>& matrix,
                                   const std::vector<std::string>& class_names) {
  std::size_t classes = matrix.size();
  for (const auto& row : matrix) classes = std::max(classes, row.size());
  if (classes == 0) {
    SvgWriter svg(320, 140, "confusion matrix");
    draw_no_data(svg, PlotArea{20, 20, 280, 100}, "no data yet");
    return svg.finish();
  }
  classes = std::max(classes, class_names.size());
  double widest_name = 0;
  for (std::size_t i = 0; i < classes; ++i) {
    widest_name = std::max(widest_name, text_width(class_name(class_names, i), kLabelFontSize));
  }
  const double name_width = std::min(widest_name, 140.0);
  const double cell = std::clamp(kMostMatrixSide / static_cast<double>(classes), 14.0, 52.0);
  const double side = cell * static_cast<double>(classes);
  // Column names stand upright when they fit in a cell, else they are turned by 45 degrees.
  const bool turned = name_width > cell - 4;
  const double column_names_height = turned ? name_width * 0.72 + 14 : 18;
  const PlotArea area{40 + name_width + 8, kMarginTop, side, side};
  const double width = area.right() + kRecallWidth + 10;
  const double height = area.bottom() + 6 + column_names_height + 26;
  SvgWriter svg(std::max(width, 320.0), height, "confusion matrix");

  std::vector<std::int64_t> row_totals(classes, 0);
  std::int64_t total = 0, correct = 0;
  for (std::size_t r = 0; r < classes; ++r) {
    for (std::size_t c = 0; c < classes; ++c) row_totals[r] += count_at(matrix, r, c);
    total += row_totals[r];
    correct += count_at(matrix, r, r);
  }
  const std::string accuracy =
      total > 0 ? "accuracy " + format_percent(static_cast<double>(correct) / static_cast<double>(total)) + " (" +
                      std::to_string(correct) + " of " + std::to_string(total) + ")"
                : "no predictions";
  svg.element("text", Attributes().add("x", area.left).add("y", 16).add("font-size", 13).add("fill", "#333"), accuracy);
  svg.element("text",
              Attributes()
                  .add("x", area.right() + kRecallWidth / 2 + 4)
                  .add("y", area.top - 6)
                  .add("text-anchor", "middle")
                  .add("font-size", 11)
                  .add("fill", "#555"),
              "recall");

  std::size_t widest_count = 1;
  for (std::size_t r = 0; r < classes; ++r) {
    for (std::size_t c = 0; c < classes; ++c) {
      widest_count = std::max(widest_count, std::to_string(count_at(matrix, r, c)).size());
    }
  }
  const double count_font = std::min(12.0, (cell - 4) / (0.62 * static_cast<double>(widest_count)));
  const bool show_counts = count_font >= 7;

  svg.open("g", Attributes().add("class", "cells").add("text-anchor", "middle").add("font-size", count_font));
  for (std::size_t r = 0; r < classes; ++r) {
    for (std::size_t c = 0; c < classes; ++c) {
      const std::int64_t count = count_at(matrix, r, c);
      const double share = row_totals[r] > 0 ? static_cast<double>(count) / static_cast<double>(row_totals[r]) : 0;
      const Rgb fill = blues(share);
      const double x = area.left + cell * static_cast<double>(c);
      const double y = area.top + cell * static_cast<double>(r);
      svg.open("g");
      svg.title("true " + class_name(class_names, r) + ", predicted " + class_name(class_names, c) + ": " +
                std::to_string(count) + " (" + format_percent(share) + " of the row)");
      svg.element("rect", Attributes()
                              .add("x", x)
                              .add("y", y)
                              .add("width", cell)
                              .add("height", cell)
                              .add("fill", css_hex(fill))
                              .add("stroke", "#fff")
                              .add("stroke-width", 1));
      if (show_counts) {
        svg.element("text",
                    Attributes()
                        .add("x", x + cell / 2)
                        .add("y", y + cell / 2 + count_font * 0.35)
                        .add("fill", luminance(fill) < 0.35 ? "#fff" : "#222")
                        .add("font-weight", r == c ? 600 : 400),
                    std::to_string(count));
      }
      svg.close();
    }
  }
  svg.close();

  svg.open("g", Attributes().add("class", "class-names").add("font-size", kLabelFontSize).add("fill", "#333"));
  for (std::size_t i = 0; i < classes; ++i) {
    const std::string name = truncate_to_width(class_name(class_names, i), name_width + 1, kLabelFontSize);
    const double middle = area.top + cell * (static_cast<double>(i) + 0.5);
    svg.element("text", Attributes().add("x", area.left - 6).add("y", middle + 4).add("text-anchor", "end"), name);
    const double center = area.left + cell * (static_cast<double>(i) + 0.5);
    const double below = area.bottom() + 14;
    if (turned) {
      svg.element("text",
                  Attributes()
                      .add("x", center + 4)
                      .add("y", below - 4)
                      .add("text-anchor", "end")
                      .add("transform", "rotate(-45 " + svg_number(center + 4) + ' ' + svg_number(below - 4) + ')'),
                  name);
    } else {
      svg.element("text", Attributes().add("x", center).add("y", below).add("text-anchor", "middle"), name);
    }
    const std::string recall =
        row_totals[i] > 0
            ? format_percent(static_cast<double>(count_at(matrix, i, i)) / static_cast<double>(row_totals[i]))
            : "\u2013";
    svg.element("text",
                Attributes().add("x", area.right() + kRecallWidth / 2 + 4).add("y", middle + 4).add("text-anchor", "middle"),
                recall);
  }
  svg.close();

  svg.element("text",
              Attributes()
                  .add("x", area.left + side / 2)
                  .add("y", height - 8)
                  .add("text-anchor", "middle")
                  .add("font-size", 12)
                  .add("fill", "#333"),
              "predicted class");
  const double title_x = 18;
  const double title_y = area.top + side / 2;
  svg.element("text",
              Attributes()
                  .add("x", title_x)
                  .add("y", title_y)
                  .add("text-anchor", "middle")
                  .add("font-size", 12)
                  .add("fill", "#333")
                  .add("transform", "rotate(-90 " + svg_number(title_x) + ' ' + svg_number(title_y) + ')'),
              "true class");
  return svg.finish();
}

}  // namespace report
