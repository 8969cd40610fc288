#include "test_files.h"

#include <zlib.h>

#include <fstream>
#include <stdexcept>

#include "trainer/random.h"

namespace sweep::trainer::testing {

std::vector<std::uint8_t> idx_bytes(const std::vector<std::uint32_t>& dimensions,
                                    const std::vector<std::uint8_t>& values) {
  std::vector<std::uint8_t> bytes{0, 0, 0x08, static_cast<std::uint8_t>(dimensions.size())};
  for (std::uint32_t d : dimensions) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(d >> shift));
  }
  bytes.insert(bytes.end(), values.begin(), values.end());
  return bytes;
}

void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes, bool gzip) {
  if (gzip) {
    gzFile file = gzopen(path.c_str(), "wb");
    if (file == nullptr) throw std::runtime_error("cannot write " + path.string());
    const int written = gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
    if (written != static_cast<int>(bytes.size())) throw std::runtime_error("gzwrite failed");
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

LabeledImages synthetic_images(std::size_t count, std::size_t pixels, std::uint64_t seed) {
  Random random(seed);
  LabeledImages images;
  images.pixels_per_image = pixels;
  images.pixels.resize(count * pixels);
  images.labels.resize(count);
  const std::size_t band = pixels / kClassCount;
  for (std::size_t i = 0; i < count; ++i) {
    const auto label = static_cast<std::uint8_t>(random.below(kClassCount));
    images.labels[i] = label;
    for (std::size_t p = 0; p < pixels; ++p) {
      const bool lit = p / band == label;
      images.pixels[i * pixels + p] = static_cast<std::uint8_t>((lit ? 150 : 0) + random.below(100));
    }
  }
  return images;
}

void write_synthetic_dataset(const std::filesystem::path& directory, std::uint32_t count, std::uint32_t rows,
                             std::uint32_t columns, bool gzip) {
  const LabeledImages images = synthetic_images(count, std::size_t{rows} * columns, count);
  const std::string suffix = gzip ? ".gz" : "";
  for (const std::string prefix : {"train", "t10k"}) {
    write_file(directory / (prefix + "-images-idx3-ubyte" + suffix), idx_bytes({count, rows, columns}, images.pixels),
               gzip);
    write_file(directory / (prefix + "-labels-idx1-ubyte" + suffix), idx_bytes({count}, images.labels), gzip);
  }
}

}  // namespace sweep::trainer::testing
