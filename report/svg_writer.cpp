#include "report/svg_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace report {
namespace {

// Far beyond any chart's viewBox, yet printable with %f in a small buffer.
constexpr double kLargestCoordinate = 1e7;

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0 at all.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          escaped += ' ';
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::string svg_number(double value) {
  if (!std::isfinite(value)) value = std::isnan(value) ? 0.0 : std::copysign(kLargestCoordinate, value);
  value = std::clamp(value, -kLargestCoordinate, kLargestCoordinate);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

Attributes& Attributes::add(std::string_view name, std::string_view value) {
  text_ += ' ';
  text_ += name;
  text_ += "=\"";
  text_ += xml_escape(value);
  text_ += '"';
  return *this;
}

Attributes& Attributes::add(std::string_view name, double value) { return add(name, svg_number(value)); }

PathData& PathData::move_to(double x, double y) {
  text_ += (text_.empty() ? "M" : " M") + svg_number(x) + ' ' + svg_number(y);
  return *this;
}

PathData& PathData::line_to(double x, double y) {
  text_ += " L" + svg_number(x) + ' ' + svg_number(y);
  return *this;
}

PathData& PathData::horizontal_to(double x) {
  text_ += " H" + svg_number(x);
  return *this;
}

PathData& PathData::vertical_to(double y) {
  text_ += " V" + svg_number(y);
  return *this;
}

SvgWriter::SvgWriter(double width, double height, std::string_view label) {
  open("svg", Attributes()
                  .add("xmlns", "http://www.w3.org/2000/svg")
                  .add("viewBox", "0 0 " + svg_number(width) + ' ' + svg_number(height))
                  .add("width", "100%")
                  .add("role", "img")
                  .add("aria-label", label)
                  .add("style", "max-width:" + svg_number(width) +
                                    "px;height:auto;display:block;font-family:system-ui,-apple-system,'Segoe UI',"
                                    "Roboto,'Helvetica Neue',Arial,sans-serif;font-size:12px"));
}

void SvgWriter::open(std::string_view tag, const Attributes& attributes) {
  out_ += '<';
  out_ += tag;
  out_ += attributes.text();
  out_ += '>';
  open_tags_.emplace_back(tag);
}

void SvgWriter::close() {
  if (open_tags_.empty()) return;
  out_ += "</" + open_tags_.back() + '>';
  open_tags_.pop_back();
}

void SvgWriter::element(std::string_view tag, const Attributes& attributes) {
  out_ += '<';
  out_ += tag;
  out_ += attributes.text();
  out_ += "/>";
}

void SvgWriter::element(std::string_view tag, const Attributes& attributes, std::string_view text) {
  open(tag, attributes);
  out_ += xml_escape(text);
  close();
}

void SvgWriter::element_with_title(std::string_view tag, const Attributes& attributes, std::string_view title_text) {
  open(tag, attributes);
  title(title_text);
  close();
}

void SvgWriter::title(std::string_view text) { element("title", {}, text); }

std::string SvgWriter::finish() {
  while (!open_tags_.empty()) close();
  return std::move(out_);
}

}  // namespace report
