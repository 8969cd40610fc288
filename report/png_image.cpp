// Grey-scale images as PNG data URIs, encoded with libpng's simplified write API.
#include <png.h>

#include <stdexcept>
#include <vector>

#include "report/base64.h"
#include "report/charts.h"

namespace report {

std::string png_data_uri(const std::uint8_t* pixels, int width, int height) {
  if (pixels == nullptr || width <= 0 || height <= 0) {
    throw std::invalid_argument("png_data_uri: needs pixels and a positive size, got " + std::to_string(width) + "x" +
                                std::to_string(height));
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_GRAY;
  // The first call only measures; the second writes into a buffer of that size.
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels, 0, nullptr) || size == 0) {
    const std::string message = image.message;
    png_image_free(&image);
    throw std::runtime_error("png_data_uri: libpng could not encode a " + std::to_string(width) + "x" +
                             std::to_string(height) + " image: " + message);
  }
  std::vector<std::uint8_t> png(size);
  if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels, 0, nullptr)) {
    const std::string message = image.message;
    png_image_free(&image);
    throw std::runtime_error("png_data_uri: libpng could not encode the image: " + message);
  }
  return "data:image/png;base64," + base64_encode(png.data(), size);
}

}  // namespace report
