#include "dashboard/static_page.h"

#include <stdexcept>

#include "dashboard/web_assets.h"
#include "report/report_json.h"

namespace dashboard {

namespace {

// The file is opened from disk, so nothing may be fetched: inline style and script only, images as data:.
constexpr const char* kStaticPolicy =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";

std::string asset(std::string_view path) {
  const WebAsset* found = find_web_asset(path);
  if (!found) throw std::logic_error("dashboard: the page asset " + std::string(path) + " is not embedded");
  return std::string(found->body);
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("dashboard: index.html has no " + from);
  text.replace(at, from.size(), to);
}

}  // namespace

std::string render_static_page(const nlohmann::json& model, const std::string& fallback) {
  std::string page = asset("/");
  replace_once(page, "<p class=\"empty\" id=\"loading\">Loading…</p>", "<noscript>\n" + fallback + "</noscript>");
  replace_once(page, "<meta charset=\"utf-8\">\n", std::string("<meta charset=\"utf-8\">\n") + kStaticPolicy);
  replace_once(page, "<link rel=\"stylesheet\" href=\"/style.css\">", "<style>\n" + asset("/style.css") + "</style>");
  // script_safe_json writes '<' as \u003c, so nothing in the data can close the element.
  replace_once(page, "<script src=\"/app.js\"></script>",
               "<script type=\"application/json\" id=\"sweep-model\">" + report::script_safe_json(model) +
                   "</script>\n<script>\n" + asset("/app.js") + "</script>");
  return page;
}

}  // namespace dashboard
