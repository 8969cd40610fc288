#include "results/params.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "results/result_store.h"
#include "results/text_format.h"

namespace results {

namespace {

void flatten_into(const nlohmann::json& value, const std::string& prefix,
                  std::vector<std::pair<std::string, nlohmann::json>>& out) {
  if (!value.is_object() || (value.empty() && !prefix.empty())) {
    out.emplace_back(prefix, value);
    return;
  }
  for (const auto& [key, child] : value.items()) {
    flatten_into(child, prefix.empty() ? key : prefix + "." + key, out);
  }
}

bool shell_safe(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("_-+.,:/=@%").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

std::string shell_quote(const std::string& text) {
  if (shell_safe(text)) return text;
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> flatten_params(const nlohmann::json& params) {
  std::vector<std::pair<std::string, nlohmann::json>> flat;
  flatten_into(params, "", flat);
  return flat;
}

nlohmann::json parse_params(const std::string& params_json) {
  nlohmann::json params = nlohmann::json::parse(params_json, nullptr, /*allow_exceptions=*/false);
  if (!params.is_object()) {
    throw StoreError("results database: a trial's params are not a JSON object: " + params_json.substr(0, 200));
  }
  return params;
}

std::string param_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : json_text(value);
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& word : words) {
    if (!line.empty()) line += ' ';
    line += shell_quote(word);
  }
  return line;
}

}  // namespace results
