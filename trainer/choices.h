// Named choices for enum-valued settings (activation, loss, optimizer, ...): case-insensitive parsing,
// the canonical name of a value, and the list of allowed names for error messages.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace sweep::trainer {

template <typename Enum>
struct Choice {
  std::string_view name;
  Enum value;
};

inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_choice(const std::array<Choice<Enum>, N>& choices, std::string_view text) {
  for (const Choice<Enum>& choice : choices) {
    if (equal_ignoring_case(choice.name, text)) return choice.value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view choice_name(const std::array<Choice<Enum>, N>& choices, Enum value) {
  for (const Choice<Enum>& choice : choices) {
    if (choice.value == value) return choice.name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
std::string choice_list(const std::array<Choice<Enum>, N>& choices) {
  std::string list;
  for (const Choice<Enum>& choice : choices) {
    if (!list.empty()) list += ", ";
    list += choice.name;
  }
  return list;
}

}  // namespace sweep::trainer
