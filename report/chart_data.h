// Small facts about chart data every chart needs the same way: which values can be plotted, which of
// two values is better for the goal, and the extent of a set of values.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace report {

// The value when it is present and finite; NaN and infinities are never placed on an axis.
inline std::optional<double> plottable(const std::optional<double>& value) {
  if (value && std::isfinite(*value)) return value;
  return std::nullopt;
}

inline bool is_better(double candidate, double incumbent, bool maximize) {
  return maximize ? candidate > incumbent : candidate < incumbent;
}

// Running [min, max] of finite values; empty until the first one.
class Extent {
 public:
  void add(double value) {
    if (!std::isfinite(value)) return;
    low_ = low_ ? std::min(*low_, value) : value;
    high_ = high_ ? std::max(*high_, value) : value;
  }
  bool empty() const { return !low_; }
  double low() const { return low_.value_or(0.0); }
  double high() const { return high_.value_or(1.0); }

 private:
  std::optional<double> low_, high_;
};

}  // namespace report
