#include "orchestrator/spec/yaml_to_json.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string_view>

#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator::spec {
namespace {

using nlohmann::json;

std::string where(const YAML::Mark& mark) {
  if (mark.is_null()) return "";
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ": ";
}

// Braces are flow indicators, so ${args} inside [...] breaks the YAML: say how to write it.
std::string macro_hint(const std::string& text, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return "";
  std::size_t start = 0;
  for (int line = 0; line < mark.line && start != std::string::npos; ++line) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return "";
  const std::string line = text.substr(start, text.find('\n', start) - start);
  if (line.find("${") == std::string::npos || line.find('[') == std::string::npos) return "";
  return " (in a [...] list, quote macros as \"${args}\", or write the list one \"- ${args}\" item per line)";
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? : YAML 1.2 core floats, and 1e-5 without a dot.
bool looks_like_float(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  const std::size_t exponent_at = text.find_first_of("eE");
  std::string_view mantissa = text.substr(0, exponent_at);
  if (exponent_at != std::string_view::npos) {
    std::string_view exponent = text.substr(exponent_at + 1);
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
    if (!is_digits(exponent)) return false;
  }
  const std::size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return is_digits(mantissa);
  const std::string_view whole = mantissa.substr(0, dot);
  const std::string_view fraction = mantissa.substr(dot + 1);
  if (whole.empty()) return is_digits(fraction);
  return is_digits(whole) && (fraction.empty() || is_digits(fraction));
}

std::optional<json> special_float(std::string_view text) {
  double sign = 1.0;
  std::string_view body = text;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    sign = body[0] == '-' ? -1.0 : 1.0;
    body.remove_prefix(1);
  }
  if (is_one_of(body, {".inf", ".Inf", ".INF"})) return json(sign * std::numeric_limits<double>::infinity());
  if (body.size() == text.size() && is_one_of(body, {".nan", ".NaN", ".NAN"})) {
    return json(std::numeric_limits<double>::quiet_NaN());
  }
  return std::nullopt;
}

std::optional<json> integer_scalar(std::string_view text) {
  int base = 10;
  std::string_view digits = text;
  bool negative = false;
  if (text.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (text.starts_with("0o")) {
    base = 8;
    digits.remove_prefix(2);
  } else {
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
      negative = digits[0] == '-';
      digits.remove_prefix(1);
    }
    if (!is_digits(digits)) return std::nullopt;
  }
  if (digits.empty()) return std::nullopt;
  std::uint64_t magnitude = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (end != digits.data() + digits.size()) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (error == std::errc::result_out_of_range || magnitude > kMax + (negative ? 1 : 0)) {
    if (base != 10) return std::nullopt;  // stays a string rather than silently losing digits
    double value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return json(negative ? -value : value);
  }
  if (negative) return json(magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                                  : -static_cast<std::int64_t>(magnitude));
  return json(static_cast<std::int64_t>(magnitude));
}

class Converter {
 public:
  Converter(const std::string& source, const YamlLimits& limits, FieldLines* lines)
      : source_(source), limits_(limits), lines_(lines) {}

  json convert(const YAML::Node& node, const std::string& path, int depth) {
    if (++visited_ > limits_.max_nodes) {
      fail(node.Mark(), path, "the document expands to more than " + std::to_string(limits_.max_nodes) +
                                  " nodes (aliases counted each time they are used); a spec this large is refused");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence:
        return sequence(node, path, depth + 1);
      case YAML::NodeType::Map:
        return mapping(node, path, depth + 1);
    }
    return nullptr;
  }

 private:
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& path, const std::string& what) const {
    throw SpecError(source_ + ": " + where(mark) + (path.empty() ? "" : path + ": ") + what);
  }

  void check_depth(const YAML::Node& node, const std::string& path, int depth) const {
    if (depth > limits_.max_depth) {
      fail(node.Mark(), path, "nested more than " + std::to_string(limits_.max_depth) +
                                  " levels deep (or an alias refers to itself); flatten the spec");
    }
  }

  static json scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();  // quoted or explicitly a string
    return plain_scalar_to_json(node.Scalar());
  }

  json sequence(const YAML::Node& node, const std::string& path, int depth) {
    check_depth(node, path, depth);
    json result = json::array();
    std::size_t index = 0;
    for (const YAML::Node& item : node) {
      const std::string child = path + "[" + std::to_string(index++) + "]";
      note_line(child, item.Mark());
      result.push_back(convert(item, child, depth));
    }
    return result;
  }

  json mapping(const YAML::Node& node, const std::string& path, int depth) {
    check_depth(node, path, depth);
    json result = json::object();
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) fail(key.Mark(), path, "a key must be a plain word, not a mapping or a list");
      const std::string name = key.Scalar();
      const std::string child = path.empty() ? name : path + "." + name;
      if (result.contains(name)) fail(key.Mark(), child, "duplicate key; each key may appear once");
      ++visited_;
      note_line(child, key.Mark());
      result[name] = convert(entry.second, child, depth);
    }
    return result;
  }

  void note_line(const std::string& path, const YAML::Mark& mark) {
    if (lines_ != nullptr && !mark.is_null()) lines_->emplace(path, mark.line + 1);
  }

  const std::string& source_;
  const YamlLimits& limits_;
  FieldLines* lines_;
  std::size_t visited_ = 0;
};

// Listens to the parser only to learn whether a document held anything but null.
class ContentEvents : public YAML::EventHandler {
 public:
  bool content = false;
  void OnDocumentStart(const YAML::Mark&) override { content = false; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { content = true; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { content = true; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    content = true;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    content = true;
  }
  void OnMapEnd() override {}
};

// Refuses a text of more than one document. Not YAML::LoadAll: on some malformed input (",")
// yaml-cpp 0.7 reports empty documents forever without consuming anything, and LoadAll collects
// them until memory runs out; here the second document ends the count.
void check_single_document(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ContentEvents events;
  if (!parser.HandleNextDocument(events) || !parser.HandleNextDocument(events)) return;
  throw SpecError(source + (events.content ? ": the file holds several YAML documents (separated by ---); a spec is one document"
                                           : ": the file does not read as one YAML document: a stray ',' at the start "
                                             "of a line, or an empty document after ---?"));
}

// Whether anything but blank lines and comments is in the text.
bool has_content(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#' && line.compare(first, 3, "---") != 0) return true;
  }
  return false;
}

}  // namespace

json plain_scalar_to_json(const std::string& text) {
  if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (is_one_of(text, {"true", "True", "TRUE"})) return true;
  if (is_one_of(text, {"false", "False", "FALSE"})) return false;
  if (auto special = special_float(text)) return *special;
  if (auto integer = integer_scalar(text)) return *integer;
  if (looks_like_float(text)) {
    const std::string_view body = text[0] == '+' ? std::string_view(text).substr(1) : std::string_view(text);
    double value = 0;
    std::from_chars(body.data(), body.data() + body.size(), value);  // out of range: ±inf/0, refused later
    return value;
  }
  return text;
}

json yaml_to_json(const std::string& text, const std::string& source, const YamlLimits& limits, FieldLines* lines) {
  if (text.size() > limits.max_bytes) {
    throw SpecError(source + ": the file is " + std::to_string(text.size()) + " bytes; a spec may be at most " +
                    std::to_string(limits.max_bytes) + " bytes");
  }
  if (text.find('\0') != std::string::npos) {
    throw SpecError(source + ": the file contains NUL bytes; a spec is a YAML text file");
  }
  YAML::Node document;
  try {
    check_single_document(text, source);
    document = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard, reported as "bad file"
    throw SpecError(source + ": " + where(e.mark) + "nested more than " + std::to_string(e.depth()) +
                    " levels deep; flatten the spec");
  } catch (const YAML::Exception& e) {
    throw SpecError(source + ": YAML syntax error at " + where(e.mark) + e.msg + macro_hint(text, e.mark));
  }
  if (document.IsNull()) {
    throw SpecError(source + (has_content(text) ? ": the file does not read as a YAML mapping (yaml-cpp sees an empty "
                                                  "document: a stray ',' or '%' at the start of a line?)"
                                                : ": the file is empty; a spec is a YAML mapping with method and parameters"));
  }
  try {
    Converter converter(source, limits, lines);
    return converter.convert(document, "", 0);
  } catch (const YAML::Exception& e) {
    throw SpecError(source + ": malformed YAML at " + where(e.mark) + e.msg);
  }
}

}  // namespace orchestrator::spec
