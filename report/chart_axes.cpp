#include "report/chart_axes.h"

#include <algorithm>
#include <cmath>

#include "report/number_format.h"

namespace report {
namespace {

// Data beyond this are clamped so that spans and steps stay finite.
constexpr double kLargestValue = 1e300;
// No axis ever needs more ticks than this; it bounds the loops on absurd inputs.
constexpr int kMostTicks = 200;
constexpr double kTickLength = 4;
constexpr double kTickFontSize = 11;
constexpr double kTitleFontSize = 12;
// Ratio of a sans-serif glyph's average advance to the font size.
constexpr double kAverageGlyphWidth = 0.58;

double clamp_value(double value) { return std::clamp(value, -kLargestValue, kLargestValue); }

// Code points, not bytes, so that UTF-8 labels measure and cut correctly.
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

std::size_t code_point_count(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_code_point));
}

struct ProperExtent {
  double low, high;
  bool spread;  // widened around a single value (or made up for none): needs no further padding
};

// A range with width: one value (or none) is spread around itself.
ProperExtent proper_extent(double low, double high, bool integer_ticks) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0.0, 1.0, true};
  low = clamp_value(low);
  high = clamp_value(high);
  if (low > high) std::swap(low, high);
  const double magnitude = std::max(std::fabs(low), std::fabs(high));
  if (high - low > magnitude * 1e-12) return {low, high, false};
  const double center = low / 2 + high / 2;
  const double pad = integer_ticks || center == 0 ? 1.0 : std::fabs(center) * 0.1;
  return {center - pad, center + pad, true};
}

std::vector<Tick> labelled(const std::vector<double>& values, double step) {
  std::vector<Tick> ticks;
  ticks.reserve(values.size());
  for (const double value : values) ticks.push_back({value, format_tick(value, step)});
  return ticks;
}

}  // namespace

double nice_step(double span, int target_count) {
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / std::max(1, target_count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double residual = raw / magnitude;
  const double factor = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10;
  return factor * magnitude;
}

std::vector<double> nice_ticks(double low, double high, int target_count) {
  if (!std::isfinite(low) || !std::isfinite(high) || !(high > low)) return {};
  const double step = nice_step(high - low, target_count);
  // Ticks are integer multiples of the step, not sums of it, so 0.1 * 3 does not drift to 0.30000000000000004.
  const double first = std::ceil(low / step - 1e-9);
  const double last = std::floor(high / step + 1e-9);
  std::vector<double> ticks;
  for (double i = first; i <= last && ticks.size() < kMostTicks; ++i) {
    const double value = i * step;
    ticks.push_back(std::fabs(value) < step * 1e-9 ? 0.0 : value);
  }
  return ticks;
}

std::vector<double> log_ticks(double low, double high) {
  if (!(low > 0) || !std::isfinite(low) || !std::isfinite(high) || !(high > low)) return {};
  const int first = static_cast<int>(std::floor(std::log10(low) + 1e-9));
  const int last = static_cast<int>(std::ceil(std::log10(high) - 1e-9));
  const int decades = last - first;
  // A long axis labels every few decades; a short one adds 2x and 5x to have enough ticks to read.
  const int every = std::max(1, (decades + 7) / 8);
  const bool with_steps = decades <= 2;
  std::vector<double> ticks;
  for (int exponent = first; exponent <= last; ++exponent) {
    if ((exponent - first) % every != 0) continue;
    for (const double factor : {1.0, 2.0, 5.0}) {
      if (factor != 1 && !with_steps) break;
      const double value = factor * std::pow(10.0, exponent);
      if (value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9)) ticks.push_back(value);
    }
  }
  return ticks;
}

Scale::Scale(double low, double high, double range_start, double range_end, bool log, std::vector<Tick> ticks)
    : low_(low), high_(high), range_start_(range_start), range_end_(range_end), log_(log), ticks_(std::move(ticks)) {}

Scale Scale::linear(double low, double high, double range_start, double range_end, const LinearOptions& options) {
  auto [lo, hi, spread] = proper_extent(low, high, options.integer_ticks);
  if (options.include_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  const double pad = spread ? 0.0 : (hi - lo) * std::max(0.0, options.padding);
  lo -= pad;
  hi += pad;
  double step = nice_step(hi - lo, options.target_ticks);
  if (options.integer_ticks) step = std::max(step, 1.0);
  // Round outward to whole steps so that the axis ends on labelled ticks.
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  std::vector<double> values;
  const double first = std::ceil(lo / step - 1e-9);
  const double last = std::floor(hi / step + 1e-9);
  for (double i = first; i <= last && values.size() < kMostTicks; ++i) {
    const double value = i * step;
    values.push_back(std::fabs(value) < step * 1e-9 ? 0.0 : value);
  }
  return Scale(lo, hi, range_start, range_end, false, labelled(values, step));
}

Scale Scale::log(double low, double high, double range_start, double range_end) {
  if (!(low > 0) || !std::isfinite(low) || !std::isfinite(high)) {
    return linear(low, high, range_start, range_end, LinearOptions{});
  }
  low = std::min(low, kLargestValue);
  high = std::clamp(high, low, kLargestValue);
  int first = static_cast<int>(std::floor(std::log10(low) + 1e-9));
  int last = static_cast<int>(std::ceil(std::log10(high) - 1e-9));
  if (first == last) {
    --first;
    ++last;
  }
  const double lo = std::pow(10.0, first);
  const double hi = std::pow(10.0, last);
  std::vector<Tick> ticks;
  for (const double value : log_ticks(lo, hi)) ticks.push_back({value, format_compact(value)});
  return Scale(lo, hi, range_start, range_end, true, std::move(ticks));
}

Scale Scale::categories(const std::vector<std::string>& labels, double range_start, double range_end) {
  const int count = static_cast<int>(labels.size());
  const double lo = count > 1 ? 0.0 : -1.0;
  const double hi = count > 1 ? count - 1.0 : 1.0;
  const double spacing = count > 1 ? std::fabs(range_end - range_start) / (count - 1) : 1e9;
  const int every = std::max(1, static_cast<int>(std::ceil(14.0 / std::max(spacing, 1e-9))));
  std::vector<Tick> ticks;
  for (int i = 0; i < count; i += every) ticks.push_back({static_cast<double>(i), labels[i]});
  return Scale(lo, hi, range_start, range_end, false, std::move(ticks));
}

double Scale::operator()(double value) const {
  double fraction = 0;
  if (log_) {
    const double clamped = std::clamp(value, low_ / 1e6, high_ * 1e6);
    fraction = (std::log10(clamped) - std::log10(low_)) / (std::log10(high_) - std::log10(low_));
  } else {
    fraction = (clamp_value(value) / 2 - low_ / 2) / (high_ / 2 - low_ / 2);
  }
  if (!std::isfinite(fraction)) fraction = 0;
  fraction = std::clamp(fraction, -10.0, 11.0);
  return range_start_ + fraction * (range_end_ - range_start_);
}

void Scale::relabel(const std::function<std::string(double)>& label_of) {
  for (Tick& tick : ticks_) tick.label = label_of(tick.value);
}

void draw_axis(SvgWriter& svg, const Scale& scale, const PlotArea& area, const AxisSpec& spec) {
  const bool bottom = spec.side == AxisSide::bottom;
  svg.open("g", Attributes().add("class", bottom ? "axis axis-x" : "axis axis-y"));
  if (spec.gridlines) {
    svg.open("g", Attributes().add("stroke", "#e6e6e6").add("stroke-width", 1));
    for (const Tick& tick : scale.ticks()) {
      const double at = scale(tick.value);
      if (bottom) {
        svg.element("line", Attributes().add("x1", at).add("x2", at).add("y1", area.top).add("y2", area.bottom()));
      } else {
        svg.element("line", Attributes().add("x1", area.left).add("x2", area.right()).add("y1", at).add("y2", at));
      }
    }
    svg.close();
  }
  const double start = scale.range_start();
  const double end = scale.range_end();
  Attributes axis_line;
  if (bottom) {
    axis_line.add("x1", start).add("x2", end).add("y1", spec.position).add("y2", spec.position);
  } else {
    axis_line.add("x1", spec.position).add("x2", spec.position).add("y1", start).add("y2", end);
  }
  svg.element("line", axis_line.add("stroke", "#888").add("stroke-width", 1));

  Attributes label_style;
  label_style.add("font-size", kTickFontSize).add("fill", "#555");
  if (spec.label_halo) label_style.add("stroke", "#fff").add("stroke-width", 3).add("paint-order", "stroke");
  label_style.add("text-anchor", bottom ? "middle" : "end");
  svg.open("g", label_style);
  double widest_label = 0;
  for (const Tick& tick : scale.ticks()) {
    const double at = scale(tick.value);
    widest_label = std::max(widest_label, text_width(tick.label, kTickFontSize));
    if (bottom) {
      svg.element("line", Attributes()
                              .add("x1", at)
                              .add("x2", at)
                              .add("y1", spec.position)
                              .add("y2", spec.position + kTickLength)
                              .add("stroke", "#888"));
      svg.element("text", Attributes().add("x", at).add("y", spec.position + kTickLength + 12), tick.label);
    } else {
      svg.element("line", Attributes()
                              .add("x1", spec.position - kTickLength)
                              .add("x2", spec.position)
                              .add("y1", at)
                              .add("y2", at)
                              .add("stroke", "#888"));
      svg.element("text", Attributes().add("x", spec.position - kTickLength - 3).add("y", at + 4), tick.label);
    }
  }
  svg.close();

  if (!spec.title.empty()) {
    const double middle = (start + end) / 2;
    Attributes title;
    title.add("font-size", kTitleFontSize).add("fill", "#333").add("text-anchor", "middle");
    if (bottom) {
      title.add("x", middle).add("y", spec.position + kTickLength + 32);
    } else {
      const double x = spec.position - kTickLength - 10 - widest_label;
      title.add("x", x).add("y", middle).add("transform", "rotate(-90 " + svg_number(x) + ' ' + svg_number(middle) + ')');
    }
    svg.element("text", title, spec.title);
  }
  svg.close();
}

double text_width(const std::string& text, double font_size) {
  return static_cast<double>(code_point_count(text)) * font_size * kAverageGlyphWidth;
}

std::string truncate_to_width(const std::string& text, double max_width, double font_size) {
  if (text_width(text, font_size) <= max_width) return text;
  const auto keep = static_cast<std::size_t>(std::max(0.0, max_width / (font_size * kAverageGlyphWidth) - 1));
  std::size_t points = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    if (starts_code_point(text[end])) {
      if (points == keep) break;
      ++points;
    }
    ++end;
  }
  return text.substr(0, end) + "\u2026";
}

}  // namespace report
