// Utf8: keeps text that reaches JSON or the database valid UTF-8 whatever bytes a trainer wrote. The
// rule everywhere: each byte that does not belong to a valid UTF-8 sequence becomes U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace results {

// The length (1-4) of the valid UTF-8 sequence starting at text[at], or 0 if none starts there
// (a stray continuation byte, a truncated, overlong or surrogate sequence, a code point above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
bool is_valid_utf8(std::string_view text);
// text with every byte that is not part of a valid sequence replaced by U+FFFD ("\xEF\xBF\xBD").
std::string repair_utf8(std::string_view text);
// The longest prefix of text of at most max_bytes that does not end inside a multi-byte sequence.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes);

}  // namespace results
