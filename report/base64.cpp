#include "report/base64.h"

namespace report {

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  encoded.reserve((size + 2) / 3 * 4);
  std::size_t i = 0;
  // Whole groups: three bytes become four six-bit digits.
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t group = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    encoded += kAlphabet[(group >> 18) & 63];
    encoded += kAlphabet[(group >> 12) & 63];
    encoded += kAlphabet[(group >> 6) & 63];
    encoded += kAlphabet[group & 63];
  }
  // One or two bytes left: pad the missing digits with '='.
  const std::size_t rest = size - i;
  if (rest > 0) {
    const std::uint32_t group = (std::uint32_t{data[i]} << 16) | (rest == 2 ? std::uint32_t{data[i + 1]} << 8 : 0);
    encoded += kAlphabet[(group >> 18) & 63];
    encoded += kAlphabet[(group >> 12) & 63];
    encoded += rest == 2 ? kAlphabet[(group >> 6) & 63] : '=';
    encoded += '=';
  }
  return encoded;
}

}  // namespace report
