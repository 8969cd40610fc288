#include "orchestrator/spec/duration.h"

#include <charconv>
#include <cmath>

namespace orchestrator::spec {

std::optional<double> parse_duration_seconds(std::string_view text) {
  double total = 0;
  bool any = false;
  while (!text.empty()) {
    double amount = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (error != std::errc() || !std::isfinite(amount) || amount < 0) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    double unit = 1;
    if (!text.empty()) {
      switch (text.front()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        default: return std::nullopt;
      }
      text.remove_prefix(1);
    } else if (any) {
      return std::nullopt;  // "1h30" is ambiguous
    }
    total += amount * unit;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace orchestrator::spec
