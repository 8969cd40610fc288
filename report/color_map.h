// Colours of the charts: perceptual sequential maps (viridis for metric values, blues for counts)
// interpolated from small anchor tables, and the qualitative palette of trial states.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace report {

struct Rgb {
  double r = 0, g = 0, b = 0;  // each in [0, 255]
};

// Viridis: 0 is dark purple (#440154), 1 bright yellow (#fde725); t is clamped to [0, 1].
Rgb viridis(double t);
// Blues: 0 is near white (#f7fbff), 1 dark blue (#08306b).
Rgb blues(double t);
// "#rrggbb".
std::string css_hex(const Rgb& color);
// Relative luminance in [0, 1] (sRGB, WCAG), to choose white or black text on a coloured cell.
double luminance(const Rgb& color);

// The trial states readers show, in the order legends list them: the store's, and interrupted (never
// stored: a trial left running by a coordinator that is gone, results/interrupted.h).
inline constexpr std::array<std::string_view, 7> kTrialStates = {"finished", "early_terminated", "running", "failed",
                                                                 "diverged", "killed",           "interrupted"};
// The colour of a trial state (those of kTrialStates); grey otherwise.
std::string state_color(std::string_view state);
// The state as people read it: "early terminated".
std::string state_label(std::string_view state);

}  // namespace report
