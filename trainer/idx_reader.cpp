#include "trainer/idx_reader.h"

#include <zlib.h>

#include <array>
#include <memory>
#include <string>

#include "trainer/errors.h"

namespace sweep::trainer {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr int kMaxDimensions = 4;

struct GzFileCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<std::remove_pointer_t<gzFile>, GzFileCloser>;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
  throw DataCorruptError(path.string() + ": " + problem);
}

// Reads exactly `size` bytes; gzread also reads uncompressed files unchanged.
std::size_t read_bytes(gzFile file, std::uint8_t* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - done, 1u << 30));
    const int got = gzread(file, out + done, chunk);
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

std::uint32_t big_endian(const std::uint8_t* bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
         std::uint32_t{bytes[3]};
}

}  // namespace

IdxArray read_idx(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    throw DatasetMissingError(path.string() + ": no such file");
  }
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw DatasetMissingError(path.string() + ": cannot open");

  std::array<std::uint8_t, 4> magic{};
  if (read_bytes(file.get(), magic.data(), magic.size()) != magic.size()) fail(path, "truncated IDX header");
  if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0 || magic[3] > kMaxDimensions) {
    fail(path, "wrong magic number (not an IDX file: expected 00 00 08 01..04)");
  }
  if (magic[2] != kUnsignedByteType) fail(path, "IDX element type is not unsigned byte (0x08)");

  IdxArray array;
  std::size_t total = 1;
  for (int d = 0; d < magic[3]; ++d) {
    std::array<std::uint8_t, 4> word{};
    if (read_bytes(file.get(), word.data(), word.size()) != word.size()) fail(path, "truncated IDX header");
    array.dimensions.push_back(big_endian(word.data()));
    total *= array.dimensions.back();
  }
  array.values.resize(total);
  const std::size_t got = read_bytes(file.get(), array.values.data(), total);
  if (got != total) {
    fail(path,
         "truncated: header promises " + std::to_string(total) + " bytes of data, file has " + std::to_string(got));
  }
  std::uint8_t extra = 0;
  if (read_bytes(file.get(), &extra, 1) != 0) {
    fail(path, "longer than its header says (" + std::to_string(total) + " bytes of data expected)");
  }
  int zlib_status = Z_OK;
  gzerror(file.get(), &zlib_status);
  if (zlib_status != Z_OK && zlib_status != Z_STREAM_END) fail(path, "corrupt gzip stream");
  return array;
}

}  // namespace sweep::trainer
