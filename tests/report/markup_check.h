// A small well-formedness check for the charts' markup: balanced tags, quoted attributes, known entities,
// one root, and no "nan"/"inf" anywhere. Enough to catch a broken chart without an XML library.
#pragma once

#include <cctype>
#include <regex>
#include <string>
#include <vector>

namespace report_test {

inline bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

// "" when `text` is well formed, else what is wrong and where.
inline std::string entity_problem(const std::string& text, std::size_t at) {
  static const std::regex entity("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
  const std::string rest = text.substr(at, 12);
  return std::regex_search(rest, entity) ? "" : "bad entity at " + std::to_string(at) + ": " + rest;
}

inline std::string markup_problem(const std::string& text) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == '&') {
      if (auto problem = entity_problem(text, i); !problem.empty()) return problem;
      ++i;
      continue;
    }
    if (c == '>') return "stray '>' at " + std::to_string(i);
    if (c != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(c))) return "text outside the root at " + std::to_string(i);
      ++i;
      continue;
    }
    if (text.compare(i, 4, "<!--") == 0) {
      const auto end = text.find("-->", i);
      if (end == std::string::npos) return "unterminated comment";
      i = end + 3;
      continue;
    }
    if (text.compare(i, 2, "</") == 0) {
      std::size_t j = i + 2;
      while (j < n && is_name_char(text[j])) ++j;
      const std::string name = text.substr(i + 2, j - i - 2);
      if (j >= n || text[j] != '>') return "bad end tag at " + std::to_string(i);
      if (open.empty() || open.back() != name) {
        return "end tag </" + name + "> does not close <" + (open.empty() ? std::string() : open.back()) + ">";
      }
      open.pop_back();
      i = j + 1;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && is_name_char(text[j])) ++j;
    const std::string name = text.substr(i + 1, j - i - 1);
    if (name.empty()) return "'<' without a tag name at " + std::to_string(i);
    if (open.empty()) ++roots;
    std::vector<std::string> attributes;
    while (true) {
      while (j < n && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j >= n) return "unterminated tag <" + name + ">";
      if (text[j] == '>') {
        open.push_back(name);
        ++j;
        break;
      }
      if (text.compare(j, 2, "/>") == 0) {
        j += 2;
        break;
      }
      const std::size_t name_start = j;
      while (j < n && is_name_char(text[j])) ++j;
      const std::string attribute = text.substr(name_start, j - name_start);
      if (attribute.empty() || j >= n || text[j] != '=') return "bad attribute in <" + name + "> at " + std::to_string(j);
      for (const auto& seen : attributes) {
        if (seen == attribute) return "duplicate attribute " + attribute + " in <" + name + ">";
      }
      attributes.push_back(attribute);
      const char quote = text[j + 1];
      if (quote != '"' && quote != '\'') return "unquoted attribute " + attribute + " in <" + name + ">";
      const auto end = text.find(quote, j + 2);
      if (end == std::string::npos) return "unterminated attribute " + attribute;
      for (std::size_t k = j + 2; k < end; ++k) {
        if (text[k] == '<') return "'<' in attribute " + attribute + " of <" + name + ">";
        if (text[k] == '&') {
          if (auto problem = entity_problem(text, k); !problem.empty()) return problem;
        }
      }
      j = end + 1;
    }
    i = j;
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  static const std::regex not_a_number("\\b-?(nan|inf|infinity)\\b", std::regex::icase);
  if (std::regex_search(text, not_a_number)) return "a NaN or infinity was printed";
  return "";
}

// Occurrences of `needle` in `text`.
inline int count_of(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

}  // namespace report_test
