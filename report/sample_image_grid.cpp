// The sample images of each class as an HTML grid: one row per class, its name first, the images
// enlarged with crisp pixels. Styles are inline so the grid looks the same on any page.
#include <algorithm>
#include <string>

#include "report/charts.h"
#include "report/svg_writer.h"

namespace report {
namespace {

// Fashion-MNIST's 28-pixel images show at 56 pixels: large enough to recognise, small enough for ten a row.
constexpr int kScale = 2;

}  // namespace

std::string sample_image_grid(const std::vector<std::vector<std::vector<std::uint8_t>>>& images, int width,
                              int height, const std::vector<std::string>& class_names) {
  std::string html =
      "<div class=\"sample-grid\" style=\"display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;"
      "align-items:center\">";
  const std::size_t image_size = width > 0 && height > 0 ? static_cast<std::size_t>(width) * static_cast<std::size_t>(height) : 0;
  bool any = false;
  for (std::size_t c = 0; c < images.size(); ++c) {
    const std::string name = c < class_names.size() && !class_names[c].empty() ? class_names[c] : std::to_string(c);
    std::string row;
    int shown = 0;
    for (const auto& image : images[c]) {
      if (image_size == 0 || image.size() != image_size) continue;  // a malformed image is left out, not guessed at
      ++shown;
      row += "<img src=\"" + png_data_uri(image.data(), width, height) + "\" width=\"" + std::to_string(width * kScale) +
             "\" height=\"" + std::to_string(height * kScale) + "\" alt=\"" +
             xml_escape(name + ", sample " + std::to_string(shown)) +
             "\" style=\"image-rendering:pixelated;border:1px solid #ddd\">";
    }
    if (shown == 0) continue;
    any = true;
    html += "<div class=\"sample-class\" style=\"font-size:13px;color:#333;text-align:right\">" + xml_escape(name) +
            "</div><div class=\"sample-row\" style=\"display:flex;flex-wrap:wrap;gap:3px\">" + row + "</div>";
  }
  if (!any) html += "<p class=\"no-data\" style=\"color:#888;margin:0\">no sample images</p>";
  html += "</div>";
  return html;
}

}  // namespace report
