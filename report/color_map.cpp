#include "report/color_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace report {
namespace {

using Anchors = std::array<Rgb, 9>;

// Nine evenly spaced samples of each map; linear interpolation between them stays within a
// just-noticeable difference of the full tables.
constexpr Anchors kViridis = {{{68, 1, 84},
                               {71, 45, 123},
                               {59, 82, 139},
                               {44, 114, 142},
                               {33, 145, 140},
                               {40, 174, 128},
                               {94, 201, 98},
                               {173, 220, 48},
                               {253, 231, 37}}};
constexpr Anchors kBlues = {{{247, 251, 255},
                             {222, 235, 247},
                             {198, 219, 239},
                             {158, 202, 225},
                             {107, 174, 214},
                             {66, 146, 198},
                             {33, 113, 181},
                             {8, 81, 156},
                             {8, 48, 107}}};

Rgb interpolate(const Anchors& anchors, double t) {
  if (!std::isfinite(t)) t = 0;
  const double position = std::clamp(t, 0.0, 1.0) * (anchors.size() - 1);
  const auto below = std::min(static_cast<std::size_t>(position), anchors.size() - 2);
  const double weight = position - static_cast<double>(below);
  const Rgb& a = anchors[below];
  const Rgb& b = anchors[below + 1];
  return {a.r + (b.r - a.r) * weight, a.g + (b.g - a.g) * weight, a.b + (b.b - a.b) * weight};
}

double linear_channel(double channel) {
  const double c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

Rgb viridis(double t) { return interpolate(kViridis, t); }

Rgb blues(double t) { return interpolate(kBlues, t); }

std::string css_hex(const Rgb& color) {
  const auto channel = [](double value) {
    return static_cast<int>(std::lround(std::clamp(std::isfinite(value) ? value : 0.0, 0.0, 255.0)));
  };
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(color.r), channel(color.g), channel(color.b));
  return buffer;
}

double luminance(const Rgb& color) {
  return 0.2126 * linear_channel(color.r) + 0.7152 * linear_channel(color.g) + 0.0722 * linear_channel(color.b);
}

std::string state_color(std::string_view state) {
  // Tableau-like hues that stay apart for the common colour-vision deficiencies.
  if (state == "finished") return "#4c78a8";
  if (state == "early_terminated") return "#f58518";
  if (state == "failed") return "#e45756";
  if (state == "diverged") return "#b279a2";
  if (state == "killed") return "#79706e";
  if (state == "running") return "#54a24b";
  if (state == "interrupted") return "#9d755d";
  return "#bab0ac";
}

std::string state_label(std::string_view state) {
  std::string label(state);
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

}  // namespace report
