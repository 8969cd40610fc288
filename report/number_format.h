// Numbers as the charts print them: compact values (3 significant digits) and tick labels whose
// decimals follow the tick step, so "0.85 0.90 0.95" line up and never read "nan".
#pragma once

#include <string>

namespace report {

// Three significant digits; scientific ("1.5e-5", "2.35e6") below 1e-3 or from 1e5 on; "0" for zero.
// Non-finite values give "–" (they are never plotted).
std::string format_compact(double value);
// A tick label for `value` on an axis whose ticks are `step` apart (step > 0).
std::string format_tick(double value, double step);
// "42.1%" for 0.421 (one decimal; "100%" only when the fraction is 1 or more).
std::string format_percent(double fraction);

}  // namespace report
