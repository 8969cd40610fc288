// Images in the report: base64 against RFC 4648's vectors, PNG data URIs that decode back to the same
// pixels, and the HTML grid of sample images per class.
#include <doctest/doctest.h>

#include <png.h>

#include <regex>
#include <stdexcept>

#include "markup_check.h"
#include "report/base64.h"
#include "report/charts.h"

namespace {

std::string encode(const std::string& text) {
  return report::base64_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// The test's own decoder, written independently of the encoder under test.
std::vector<std::uint8_t> decode(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<std::uint8_t> bytes;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const auto digit = alphabet.find(c);
    REQUIRE(digit != std::string::npos);
    bits = (bits << 6) | static_cast<unsigned>(digit);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push_back(static_cast<std::uint8_t>((bits >> count) & 0xFF));
    }
  }
  return bytes;
}

std::vector<std::uint8_t> gradient(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width * height));
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) pixels[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint8_t>((x * 9 + y * 5) % 256);
  }
  return pixels;
}

}  // namespace

TEST_CASE("base64 matches the RFC 4648 test vectors") {
  CHECK(encode("") == "");
  CHECK(encode("f") == "Zg==");
  CHECK(encode("fo") == "Zm8=");
  CHECK(encode("foo") == "Zm9v");
  CHECK(encode("foob") == "Zm9vYg==");
  CHECK(encode("fooba") == "Zm9vYmE=");
  CHECK(encode("foobar") == "Zm9vYmFy");
  const std::uint8_t high[] = {0xFF, 0xFE, 0xFD};
  CHECK(report::base64_encode(high, 3) == "//79");
}

TEST_CASE("a PNG data URI decodes back to the same grey pixels") {
  const int width = 28, height = 17;
  const auto pixels = gradient(width, height);
  const std::string uri = report::png_data_uri(pixels.data(), width, height);
  const std::string prefix = "data:image/png;base64,";
  REQUIRE(uri.starts_with(prefix));
  const auto png = decode(uri.substr(prefix.size()));

  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  REQUIRE(png_image_begin_read_from_memory(&image, png.data(), png.size()) != 0);
  CHECK(image.width == static_cast<png_uint_32>(width));
  CHECK(image.height == static_cast<png_uint_32>(height));
  image.format = PNG_FORMAT_GRAY;
  std::vector<std::uint8_t> decoded(PNG_IMAGE_SIZE(image));
  REQUIRE(png_image_finish_read(&image, nullptr, decoded.data(), 0, nullptr) != 0);
  CHECK(decoded == pixels);
}

TEST_CASE("a PNG of no pixels is refused with a clear message") {
  const std::uint8_t pixel = 0;
  CHECK_THROWS_AS(report::png_data_uri(&pixel, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(report::png_data_uri(nullptr, 1, 1), std::invalid_argument);
}

TEST_CASE("the sample grid has a labelled row per class with enlarged, crisp images") {
  const auto image = gradient(4, 3);
  const std::vector<std::vector<std::vector<std::uint8_t>>> images = {{image, image}, {image}, {}};
  const std::string html = report::sample_image_grid(images, 4, 3, {"Bag", "<b>&\"", "empty"});
  CHECK(report_test::count_of(html, "<img ") == 3);
  CHECK(report_test::count_of(html, "class=\"sample-class\"") == 2);  // the class without images has no row
  CHECK(html.find(">Bag<") != std::string::npos);
  CHECK(html.find("alt=\"Bag, sample 2\"") != std::string::npos);
  CHECK(html.find("&lt;b&gt;&amp;&quot;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("image-rendering:pixelated") != std::string::npos);
  CHECK(html.find("width=\"8\" height=\"6\"") != std::string::npos);
  // <img> is a void element in HTML; with it self-closed, the rest must nest like XML.
  const std::string closed = std::regex_replace(html, std::regex("(<img [^>]*)>"), "$1/>");
  CHECK(report_test::markup_problem(closed) == "");
}

TEST_CASE("the sample grid leaves out malformed images and says when there are none") {
  const std::vector<std::vector<std::vector<std::uint8_t>>> wrong_size = {{std::vector<std::uint8_t>(5, 0)}};
  const std::string html = report::sample_image_grid(wrong_size, 4, 3, {"a"});
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("no sample images") != std::string::npos);
  CHECK(report::sample_image_grid({}, 0, 0, {}).find("no sample images") != std::string::npos);
}
