// Parallel coordinates: one vertical axis per parameter and a last one for the metric; each trial is a line
// through its values, coloured by the metric (brighter is better), the best trial drawn last and thicker.
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

constexpr double kWidth = 900;
constexpr double kPlotHeight = 320;
constexpr double kNameFontSize = 12;
constexpr double kNameLineHeight = 14;
constexpr int kMostNameLines = 3;
constexpr double kMarginRight = 56;  // the colour bar and its caption
constexpr double kMarginBottom = 34;
constexpr const char* kMissingMetricColor = "#b8b8b8";
constexpr int kColorBarSlices = 48;

// Where a line may break a long name: after these characters.
bool is_break_after(char c) { return c == '_' || c == '.' || c == '-' || c == '/' || c == ' '; }

// A name in at most kMostNameLines lines of `max_width`, broken after separators where it can be.
std::vector<std::string> wrap_name(const std::string& name, double max_width) {
  std::vector<std::string> pieces;
  std::string piece;
  for (const char c : name) {
    piece += c;
    if (is_break_after(c)) {
      pieces.push_back(piece);
      piece.clear();
    }
  }
  if (!piece.empty()) pieces.push_back(piece);
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& next : pieces) {
    if (!line.empty() && text_width(line + next, kNameFontSize) > max_width) {
      lines.push_back(line);
      line.clear();
    }
    line += next;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > kMostNameLines) {
    lines.resize(kMostNameLines);
    lines.back() += "\u2026";
  }
  for (std::string& text : lines) text = truncate_to_width(text, max_width, kNameFontSize);
  return lines;
}

// One axis's scale and how a line's value maps onto it.
struct PlacedAxis {
  std::string name;
  const ParallelAxis* source = nullptr;  // none for the metric axis
  Scale scale;
  bool numeric = true;

  std::optional<double> position(const std::optional<double>& raw) const {
    const auto value = plottable(raw);
    if (!value) return std::nullopt;
    if (!numeric) {
      const double index = std::round(*value);
      if (index < 0 || index >= static_cast<double>(source->labels.size())) return std::nullopt;
      return scale(index);
    }
    if (scale.is_log() && *value <= 0) return std::nullopt;
    return scale(*value);
  }

  std::string text(double value) const {
    if (!numeric) return source->labels[static_cast<std::size_t>(std::round(value))];
    return results::format_number(value);
  }
};

Scale numeric_scale(const ParallelAxis& axis, std::size_t index, const std::vector<ParallelLine>& lines, double bottom,
                    double top) {
  Extent extent;
  bool all_positive = true;
  for (const ParallelLine& line : lines) {
    if (index >= line.values.size()) continue;
    if (const auto value = plottable(line.values[index])) {
      extent.add(*value);
      all_positive = all_positive && *value > 0;
    }
  }
  if (extent.empty()) return Scale::categories({}, bottom, top);
  if (axis.log && all_positive) return Scale::log(extent.low(), extent.high(), bottom, top);
  return Scale::linear(extent.low(), extent.high(), bottom, top, LinearOptions{.target_ticks = 5});
}

std::vector<std::string> fitted_labels(const std::vector<std::string>& labels, double max_width) {
  std::vector<std::string> fitted;
  for (const std::string& label : labels) fitted.push_back(truncate_to_width(label, max_width, 11));
  return fitted;
}

std::string hover_text(const ParallelLine& line, const std::vector<PlacedAxis>& axes, const std::string& metric) {
  const auto value = plottable(line.metric);
  std::string text = "trial " + std::to_string(line.trial) + '\n' + metric + " = " +
                     (value ? results::format_number(*value) : std::string("no value"));
  for (std::size_t i = 0; i + 1 < axes.size(); ++i) {
    const auto raw = i < line.values.size() ? line.values[i] : std::nullopt;
    text += '\n' + axes[i].name + " = " + (axes[i].position(raw) ? axes[i].text(*raw) : std::string("\u2013"));
  }
  return text;
}

// The path through every axis where the line has a value; a missing value breaks the line.
PathData line_path(const ParallelLine& line, const std::vector<PlacedAxis>& axes, const std::vector<double>& xs) {
  PathData path;
  bool pen_down = false;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const bool is_metric = i + 1 == axes.size();
    const auto raw = is_metric ? line.metric : (i < line.values.size() ? line.values[i] : std::nullopt);
    const auto y = axes[i].position(raw);
    if (!y) {
      pen_down = false;
      continue;
    }
    if (pen_down) {
      path.line_to(xs[i], *y);
    } else {
      path.move_to(xs[i], *y);
      // A lone point would be invisible as a path; a zero-length segment with round caps shows a dot.
      path.line_to(xs[i] + 0.01, *y);
    }
    pen_down = true;
  }
  return path;
}

void draw_color_bar(SvgWriter& svg, const Scale& scale, const Extent& metrics, bool maximize, double x) {
  if (metrics.empty()) return;
  const double low = metrics.low();
  const double high = metrics.high();
  svg.open("g", Attributes().add("class", "color-bar"));
  if (high == low) {
    svg.element("rect", Attributes()
                            .add("x", x)
                            .add("y", scale(low) - 4)
                            .add("width", 10)
                            .add("height", 8)
                            .add("fill", css_hex(viridis(1))));
  } else {
    for (int i = 0; i < kColorBarSlices; ++i) {
      const double from = low + (high - low) * i / kColorBarSlices;
      const double to = low + (high - low) * (i + 1) / kColorBarSlices;
      const double t = (i + 0.5) / kColorBarSlices;
      const double y_top = std::min(scale(from), scale(to));
      // Slices overlap by half a unit so no hairline gaps show between them.
      svg.element("rect", Attributes()
                              .add("x", x)
                              .add("y", y_top - 0.25)
                              .add("width", 10)
                              .add("height", std::fabs(scale(to) - scale(from)) + 0.5)
                              .add("fill", css_hex(viridis(maximize ? t : 1 - t))));
    }
  }
  svg.close();
}

}  // namespace

std::string parallel_coordinates_chart(const std::vector<ParallelAxis>& axes, const std::vector<ParallelLine>& lines,
                                       const std::string& metric, bool maximize) {
  const std::size_t axis_count = axes.size() + 1;
  Extent metrics;
  for (const ParallelLine& line : lines) {
    if (const auto value = plottable(line.metric)) metrics.add(*value);
  }
  // Horizontal layout first: the spacing decides how names wrap and so how tall the header is.
  const double first_labels = axes.empty() ? 40 : 90;
  const double plot_left = 16 + first_labels;
  const double plot_width = kWidth - plot_left - kMarginRight;
  const double spacing = axis_count > 1 ? plot_width / static_cast<double>(axis_count - 1) : plot_width;
  std::vector<double> xs;
  for (std::size_t i = 0; i < axis_count; ++i) {
    xs.push_back(axis_count > 1 ? plot_left + spacing * static_cast<double>(i) : plot_left + plot_width / 2);
  }
  const double name_width = std::clamp(spacing - 10, 48.0, 220.0);
  std::vector<std::vector<std::string>> names;
  std::size_t name_lines = 1;
  for (std::size_t i = 0; i < axis_count; ++i) {
    names.push_back(wrap_name(i < axes.size() ? axes[i].name : metric, name_width));
    name_lines = std::max(name_lines, names.back().size());
  }
  const PlotArea area{plot_left, 14 + kNameLineHeight * static_cast<double>(name_lines), plot_width, kPlotHeight};
  SvgWriter svg(kWidth, area.bottom() + kMarginBottom, "parallel coordinates of the parameters, coloured by " + metric);
  if (lines.empty()) {
    draw_no_data(svg, PlotArea{16, area.top, kWidth - 32, area.height}, "no data yet");
    return svg.finish();
  }

  std::vector<PlacedAxis> placed;
  const double label_width = std::min(spacing - 14, first_labels);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const ParallelAxis& axis = axes[i];
    const bool categorical = axis.categorical;
    placed.push_back({axis.name, &axis,
                      categorical ? Scale::categories(fitted_labels(axis.labels, label_width), area.bottom(), area.top)
                                  : numeric_scale(axis, i, lines, area.bottom(), area.top),
                      !categorical});
  }
  placed.push_back({metric, nullptr,
                    metrics.empty() ? Scale::categories({}, area.bottom(), area.top)
                                    : Scale::linear(metrics.low(), metrics.high(), area.bottom(), area.top,
                                                    LinearOptions{.target_ticks = 5}),
                    true});

  // Lines: missing metric first (grey), then worst to best, the best last and thicker.
  std::vector<const ParallelLine*> order;
  for (const ParallelLine& line : lines) order.push_back(&line);
  const auto goodness = [&](const ParallelLine* line) {
    const auto value = plottable(line->metric);
    if (!value) return -1.0;
    const double span = metrics.high() - metrics.low();
    const double t = span > 0 ? (*value - metrics.low()) / span : 1.0;
    return maximize ? t : 1 - t;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const ParallelLine* a, const ParallelLine* b) { return goodness(a) < goodness(b); });
  const ParallelLine* best = !order.empty() && plottable(order.back()->metric) ? order.back() : nullptr;

  svg.open("g", Attributes().add("class", "lines").add("fill", "none").add("stroke-linecap", "round").add(
                    "stroke-linejoin", "round"));
  for (const ParallelLine* line : order) {
    const PathData path = line_path(*line, placed, xs);
    if (path.empty()) continue;
    const double t = goodness(line);
    const std::string color = t < 0 ? kMissingMetricColor : css_hex(viridis(t));
    const std::string title = hover_text(*line, placed, metric);
    if (line == best) {
      svg.open("g", Attributes().add("class", "best"));
      svg.element("path", Attributes().add("d", path.text()).add("stroke", "#222").add("stroke-width", 5));
      svg.element_with_title("path", Attributes().add("d", path.text()).add("stroke", color).add("stroke-width", 3),
                             "best: " + title);
      svg.close();
    } else {
      svg.element_with_title("path",
                             Attributes()
                                 .add("d", path.text())
                                 .add("stroke", color)
                                 .add("stroke-width", 1.4)
                                 .add("stroke-opacity", t < 0 ? 0.6 : 0.8),
                             title);
    }
  }
  svg.close();

  for (std::size_t i = 0; i < placed.size(); ++i) {
    draw_axis(svg, placed[i].scale, area,
              AxisSpec{.side = AxisSide::left, .position = xs[i], .title = "", .gridlines = false, .label_halo = true});
    Attributes name;
    name.add("x", xs[i]).add("text-anchor", "middle").add("font-size", kNameFontSize).add("font-weight", 600);
    name.add("fill", "#333");
    svg.open("text", name);
    svg.title(placed[i].name);
    const auto& name_lines_of_axis = names[i];
    const double first_baseline =
        area.top - 10 - kNameLineHeight * static_cast<double>(name_lines_of_axis.size() - 1);
    for (std::size_t line = 0; line < name_lines_of_axis.size(); ++line) {
      svg.element("tspan",
                  Attributes().add("x", xs[i]).add("y", first_baseline + kNameLineHeight * static_cast<double>(line)),
                  name_lines_of_axis[line]);
    }
    svg.close();
  }
  draw_color_bar(svg, placed.back().scale, metrics, maximize, xs.back() + 8);
  svg.element("text",
              Attributes()
                  .add("x", kWidth - 8)
                  .add("y", area.bottom() + 24)
                  .add("text-anchor", "end")
                  .add("font-size", 11)
                  .add("fill", "#666"),
              std::string("colour: ") + metric + (maximize ? " (brighter = higher = better)" : " (brighter = lower = better)") +
                  (std::any_of(lines.begin(), lines.end(), [](const ParallelLine& l) { return !plottable(l.metric); })
                       ? "; grey: no value"
                       : ""));
  return svg.finish();
}

}  // namespace report
