// SvgWriter: builds the text of one SVG element tree. Every attribute value and text node is XML-escaped
// and every number is finite, so user-supplied names and degenerate data cannot break the markup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace report {

// `&`, `<`, `>` and `"` as entities: safe in text and in double-quoted attribute values (the only kind
// written here), while a `'` stays as typed, so shell-quoted command lines read naturally in the source.
std::string xml_escape(std::string_view text);
// A coordinate for an attribute: at most two decimals, no trailing zeros; NaN becomes 0 and huge
// values are clamped, so the output never holds "nan" or "inf".
std::string svg_number(double value);

// The ` name="value"` pairs of one element, values escaped as they are added.
class Attributes {
 public:
  Attributes& add(std::string_view name, std::string_view value);
  Attributes& add(std::string_view name, const char* value) { return add(name, std::string_view(value)); }
  Attributes& add(std::string_view name, const std::string& value) { return add(name, std::string_view(value)); }
  Attributes& add(std::string_view name, double value);
  Attributes& add(std::string_view name, int value) { return add(name, static_cast<double>(value)); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Path data ("M 1 2 L 3 4") with finite numbers only.
class PathData {
 public:
  PathData& move_to(double x, double y);
  PathData& line_to(double x, double y);
  PathData& horizontal_to(double x);
  PathData& vertical_to(double y);
  bool empty() const { return text_.empty(); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class SvgWriter {
 public:
  // Opens the root <svg>: a viewBox of width x height that scales to its container's width;
  // `label` is its accessible name.
  SvgWriter(double width, double height, std::string_view label);

  void open(std::string_view tag, const Attributes& attributes = {});
  void close();  // closes the innermost open element
  void element(std::string_view tag, const Attributes& attributes);
  void element(std::string_view tag, const Attributes& attributes, std::string_view text);
  // An element whose hover text is `title` (an SVG <title> child).
  void element_with_title(std::string_view tag, const Attributes& attributes, std::string_view title);
  void title(std::string_view text);
  // Closes every element still open, the root included, and returns the markup.
  std::string finish();

 private:
  std::string out_;
  std::vector<std::string> open_tags_;
};

}  // namespace report
