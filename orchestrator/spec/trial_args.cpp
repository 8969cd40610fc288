#include "orchestrator/spec/trial_args.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace orchestrator {
namespace {

using nlohmann::json;

// Python's repr of a float: the shortest digits that round-trip, in positional notation when the
// decimal exponent is in [-4, 16), scientific otherwise; always with a '.' or an exponent.
std::string python_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string text(buffer, result.ptr);  // "-1.2345e-05"
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const int exponent = std::stoi(text.substr(e + 1));
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits = mantissa;
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  std::string out;
  const int point = exponent + 1;  // digits before the decimal point
  if (exponent >= -4 && exponent < 16) {
    if (point <= 0) {
      out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
    } else {
      out.assign(digits, 0, static_cast<std::size_t>(point)).append(".").append(digits, static_cast<std::size_t>(point));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out.append(".").append(digits, 1);
    const int magnitude = std::abs(exponent);
    out += std::string(exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
  }
  if (negative) out.insert(out.begin(), '-');
  return out;
}

}  // namespace

std::string format_arg_value(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case json::value_t::null: return "None";
    case json::value_t::number_float: return python_float(value.get<double>());
    default: return value.dump();  // integers, lists, mappings
  }
}

std::vector<std::string> arg_flags(const json& config, const std::string& prefix, bool boolean_flags) {
  std::vector<std::string> out;
  for (const auto& [name, value] : config.items()) {
    if (boolean_flags && value.is_boolean()) {
      if (value.get<bool>()) out.push_back(prefix + name);
      continue;
    }
    out.push_back(prefix + name + "=" + format_arg_value(value));
  }
  return out;
}

}  // namespace orchestrator
