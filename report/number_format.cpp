#include "report/number_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace report {
namespace {

bool wants_scientific(double magnitude) { return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5); }

// Exponent of the leading digit: 0 for 1..9.99, -3 for 0.00123. Guarded for rounding at decade edges.
int decimal_exponent(double magnitude) {
  int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  if (std::pow(10.0, exponent + 1) <= magnitude) ++exponent;
  return exponent;
}

// "1.50e-05" -> "1.5e-5": no trailing mantissa zeros, no '+' or leading zeros in the exponent.
std::string tidy_scientific(const std::string& printed) {
  const auto e = printed.find('e');
  if (e == std::string::npos) return printed;
  std::string mantissa = printed.substr(0, e);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  const int exponent = std::stoi(printed.substr(e + 1));
  return mantissa + 'e' + std::to_string(exponent);
}

std::string printf_double(const char* format, int precision, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, precision, value);
  return buffer;
}

std::string strip_trailing_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string without_negative_zero(std::string text) {
  if (text.find_first_not_of("-0.") == std::string::npos && text.front() == '-') text.erase(0, 1);
  return text;
}

}  // namespace

std::string format_compact(double value) {
  if (!std::isfinite(value)) return "\u2013";
  const double magnitude = std::fabs(value);
  if (magnitude == 0) return "0";
  if (wants_scientific(magnitude)) return tidy_scientific(printf_double("%.*e", 2, value));
  const int decimals = std::max(0, 2 - decimal_exponent(magnitude));
  return without_negative_zero(strip_trailing_zeros(printf_double("%.*f", decimals, value)));
}

std::string format_tick(double value, double step) {
  if (!std::isfinite(value)) return "\u2013";
  if (!(step > 0) || !std::isfinite(step)) return format_compact(value);
  const double magnitude = std::fabs(value);
  if (magnitude < step * 1e-9) return "0";
  const int step_exponent = decimal_exponent(step);
  if (wants_scientific(magnitude)) {
    const int digits = std::clamp(decimal_exponent(magnitude) - step_exponent, 0, 12);
    return tidy_scientific(printf_double("%.*e", digits, value));
  }
  // Steps are 1, 2 or 5 times a power of ten, so the step's exponent gives the decimals every tick needs.
  const int decimals = std::clamp(-step_exponent, 0, 15);
  return without_negative_zero(printf_double("%.*f", decimals, value));
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return "\u2013";
  const double percent = fraction * 100;
  return printf_double("%.*f", std::fabs(fraction) >= 1 ? 0 : 1, percent) + '%';
}

}  // namespace report
