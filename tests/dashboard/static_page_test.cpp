// The static report page: the dashboard's page with the model embedded, nothing external, and data that
// cannot close its <script> element.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "dashboard/static_page.h"

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the static page inlines its style and script, embeds the model, and keeps a no-script fallback") {
  const nlohmann::json model = {{"sweep", {{"name", "</script><script>alert(1)</script><!--"}}}, {"trials", nlohmann::json::array()}};
  const std::string page = dashboard::render_static_page(model, "<section id=\"fallback\">svg here</section>");
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
  CHECK(page.find("default-src 'none'") != std::string::npos);
  CHECK(page.find("href=\"/style.css\"") == std::string::npos);
  CHECK(page.find("src=\"/app.js\"") == std::string::npos);
  CHECK(page.find("<style>") != std::string::npos);
  // Exactly two script elements, the model and the app: the name's "</script>" is written \u003c/script>.
  CHECK(count(page, "<script") == 2);
  CHECK(count(page, "</script>") == 2);
  CHECK(page.find("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!--") != std::string::npos);
  CHECK(page.find("<noscript>\n<section id=\"fallback\">svg here</section></noscript>") != std::string::npos);
  const auto json_start = page.find("<script type=\"application/json\" id=\"sweep-model\">");
  REQUIRE(json_start != std::string::npos);
  const auto body_start = page.find('>', json_start) + 1;
  const auto parsed = nlohmann::json::parse(page.substr(body_start, page.find("</script>", body_start) - body_start));
  CHECK(parsed["sweep"]["name"] == "</script><script>alert(1)</script><!--");
}
