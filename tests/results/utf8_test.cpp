#include <doctest/doctest.h>

#include "results/text_format.h"
#include "results/utf8.h"

TEST_CASE("utf8: valid sequences of every length are kept, invalid bytes become U+FFFD one by one") {
  const std::string valid = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a, é, €, 😀
  CHECK(results::is_valid_utf8(valid));
  CHECK(results::repair_utf8(valid) == valid);
  CHECK(results::utf8_sequence_length(valid, 1) == 2);
  CHECK(results::utf8_sequence_length(valid, 3) == 3);
  CHECK(results::utf8_sequence_length(valid, 6) == 4);
  const std::string replacement = "\xEF\xBF\xBD";
  for (const std::string bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE2\x82"}) {
    CAPTURE(bad);
    CHECK_FALSE(results::is_valid_utf8(bad));
    const std::string repaired = results::repair_utf8("<" + bad + ">");
    CHECK(results::is_valid_utf8(repaired));
    CHECK(repaired.starts_with("<" + replacement));
    CHECK(repaired.ends_with(replacement + ">"));
  }
}

TEST_CASE("utf8: a prefix never ends inside a character") {
  const std::string text = "ab\xE2\x82\xAC" "cd";  // a b € c d
  CHECK(results::utf8_prefix_length(text, 100) == text.size());
  CHECK(results::utf8_prefix_length(text, 2) == 2);
  CHECK(results::utf8_prefix_length(text, 3) == 2);
  CHECK(results::utf8_prefix_length(text, 4) == 2);
  CHECK(results::utf8_prefix_length(text, 5) == 5);
}

TEST_CASE("json_text: strings that are not UTF-8 are printed with U+FFFD instead of failing") {
  const nlohmann::json value = {{"log", std::string("caf\xe9")}};
  CHECK_THROWS(static_cast<void>(value.dump()));  // what the query commands used to do
  CHECK(results::json_text(value) == "{\"log\":\"caf\xEF\xBF\xBD\"}");
  CHECK(results::json_text(value, 2) == "{\n  \"log\": \"caf\xEF\xBF\xBD\"\n}");
}
