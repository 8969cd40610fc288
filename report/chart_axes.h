// Scales and axes shared by every chart: data extents to pixel positions with "nice" ticks (1-2-5 steps,
// decades on log scales, labels for categories), and the one routine that draws an axis and its grid.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "report/svg_writer.h"

namespace report {

// The step, 1, 2 or 5 times a power of ten, that cuts `span` into about `target_count` intervals.
double nice_step(double span, int target_count);
// Multiples of nice_step(high - low, target_count) within [low, high].
std::vector<double> nice_ticks(double low, double high, int target_count);
// Powers of ten within [low, high] (low > 0); 2x and 5x each decade too when the range is short.
std::vector<double> log_ticks(double low, double high);

struct Tick {
  double value = 0;
  std::string label;
};

struct LinearOptions {
  int target_ticks = 6;
  bool integer_ticks = false;  // counts such as trial numbers: no tick between two integers
  bool include_zero = false;   // bars start at zero
  double padding = 0;          // fraction of the span added on both sides before rounding outward
};

// Maps a domain to pixels; `range_start` is where the domain's low end lands (the bottom of a
// vertical axis). The domain is always a proper interval, even for one value or none.
class Scale {
 public:
  // The data's extent [low, high] widened to tick multiples; all-equal or non-finite data get a padded range.
  static Scale linear(double low, double high, double range_start, double range_end, const LinearOptions& options);
  // Log10 scale over decades; needs low > 0 (anything else falls back to the linear scale).
  static Scale log(double low, double high, double range_start, double range_end);
  // Evenly spaced labels: value i is labels[i]. Labels are thinned when they would overlap.
  static Scale categories(const std::vector<std::string>& labels, double range_start, double range_end);

  double operator()(double value) const;  // clamps far-away values so no pixel is non-finite
  double low() const { return low_; }
  double high() const { return high_; }
  double range_start() const { return range_start_; }
  double range_end() const { return range_end_; }
  bool is_log() const { return log_; }
  const std::vector<Tick>& ticks() const { return ticks_; }
  // Relabels every tick (for example as percentages).
  void relabel(const std::function<std::string(double)>& label_of);

 private:
  Scale(double low, double high, double range_start, double range_end, bool log, std::vector<Tick> ticks);
  double low_, high_, range_start_, range_end_;
  bool log_;
  std::vector<Tick> ticks_;
};

// The rectangle data are drawn in, in viewBox units.
struct PlotArea {
  double left = 0, top = 0, width = 0, height = 0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

enum class AxisSide { bottom, left };

struct AxisSpec {
  AxisSide side = AxisSide::bottom;
  double position = 0;       // y of a bottom axis, x of a left axis
  std::string title;         // empty: none
  bool gridlines = true;     // light lines across the plot area at every tick
  bool label_halo = false;   // white outline behind tick labels, for labels drawn over data
};

// Axis line, tick marks, tick labels, optional gridlines across `area`, and the axis title.
void draw_axis(SvgWriter& svg, const Scale& scale, const PlotArea& area, const AxisSpec& spec);

// About how wide `text` is at `font_size` in a sans-serif font, for layout without a font engine.
double text_width(const std::string& text, double font_size);
// `text` cut to at most `max_width` at `font_size`, with an ellipsis when cut.
std::string truncate_to_width(const std::string& text, double max_width, double font_size);

}  // namespace report
