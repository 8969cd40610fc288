#include "trainer/model_file.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "trainer/errors.h"

namespace sweep::trainer {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are written in host byte order");

constexpr char kMagic[8] = {'S', 'W', 'E', 'E', 'P', 'M', 'L', 'P'};
// Bounds a corrupt header cannot exceed: no layer wider than this, no deeper network.
constexpr std::uint32_t kMaxLayerSize = 1u << 20;
constexpr std::uint32_t kMaxLayerSizes = 1024;
constexpr std::uint32_t kFirstVersionWithInputTransform = 2;
enum class InputTransformCode : std::uint32_t { none = 0, standardize = 1 };

void write_u32(std::ofstream& out, std::uint32_t value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename Map>
void write_floats(std::ofstream& out, const Map& values) {
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
}

// Reads fields from the whole file held in memory, failing with the file's name on a short read.
class ModelReader {
 public:
  ModelReader(std::filesystem::path path, std::vector<char> bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

  [[noreturn]] void fail(const std::string& problem) const { throw ModelFileError(path_.string() + ": " + problem); }
  void read(void* out, std::size_t size) {
    if (bytes_.size() - position_ < size) fail("truncated at byte " + std::to_string(bytes_.size()));
    std::memcpy(out, bytes_.data() + position_, size);
    position_ += size;
  }
  std::uint32_t read_u32() {
    std::uint32_t value = 0;
    read(&value, sizeof value);
    return value;
  }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::filesystem::path path_;
  std::vector<char> bytes_;
  std::size_t position_ = 0;
};

}  // namespace

void check_model_writable(const std::filesystem::path& path) {
  if (!std::ofstream(path, std::ios::binary | std::ios::app)) {
    throw ModelFileError(path.string() + ": cannot open for writing");
  }
}

void save_model(const std::filesystem::path& path, const Network<float>& network) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw ModelFileError(path.string() + ": cannot open for writing");
  out.write(kMagic, sizeof kMagic);
  write_u32(out, kModelFormatVersion);
  write_u32(out, static_cast<std::uint32_t>(network.activation()));
  write_u32(out, static_cast<std::uint32_t>(network.loss()));
  write_u32(out, static_cast<std::uint32_t>(network.layer_sizes().size()));
  for (int size : network.layer_sizes()) write_u32(out, static_cast<std::uint32_t>(size));
  const InputStandardization& standardization = network.input_standardization();
  if (standardization.empty()) {
    write_u32(out, static_cast<std::uint32_t>(InputTransformCode::none));
  } else {
    write_u32(out, static_cast<std::uint32_t>(InputTransformCode::standardize));
    write_floats(out, standardization.mean());
    write_floats(out, standardization.stddev());
  }
  for (int layer = 0; layer < network.layer_count(); ++layer) {
    write_floats(out, network.weights(layer));
    write_floats(out, network.bias(layer));
  }
  out.close();
  if (!out) throw ModelFileError(path.string() + ": write failed");
}

Network<float> load_model(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelFileError(path.string() + ": cannot open (no such file?)");
  ModelReader reader(path, std::vector<char>(std::istreambuf_iterator<char>(in), {}));

  char magic[sizeof kMagic] = {};
  reader.read(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) reader.fail("not a model file (wrong magic)");
  const std::uint32_t version = reader.read_u32();
  if (version < 1 || version > kModelFormatVersion) {
    reader.fail("model format version " + std::to_string(version) + " is not supported (this trainer reads 1 to " +
                std::to_string(kModelFormatVersion) + ")");
  }
  const std::uint32_t activation = reader.read_u32();
  const std::uint32_t loss = reader.read_u32();
  if (activation >= kActivations.size()) reader.fail("unknown activation code " + std::to_string(activation));
  if (loss >= kLosses.size()) reader.fail("unknown loss code " + std::to_string(loss));
  const std::uint32_t size_count = reader.read_u32();
  if (size_count < 2 || size_count > kMaxLayerSizes) reader.fail("bad layer count " + std::to_string(size_count));
  std::vector<int> sizes;
  for (std::uint32_t i = 0; i < size_count; ++i) {
    const std::uint32_t size = reader.read_u32();
    if (size == 0 || size > kMaxLayerSize) reader.fail("bad layer size " + std::to_string(size));
    sizes.push_back(static_cast<int>(size));
  }
  Network<float> network(std::move(sizes), static_cast<Activation>(activation), static_cast<Loss>(loss));
  if (version >= kFirstVersionWithInputTransform) {
    const std::uint32_t transform = reader.read_u32();
    if (transform == static_cast<std::uint32_t>(InputTransformCode::standardize)) {
      const Eigen::Index inputs = network.layer_sizes().front();
      Eigen::VectorXf mean(inputs), stddev(inputs);
      reader.read(mean.data(), static_cast<std::size_t>(inputs) * sizeof(float));
      reader.read(stddev.data(), static_cast<std::size_t>(inputs) * sizeof(float));
      if (!mean.allFinite() || !stddev.allFinite() || !(stddev.minCoeff() > 0)) {
        reader.fail("the input standardisation has a non-finite mean or a standard deviation that is not positive");
      }
      network.set_input_standardization(InputStandardization(std::move(mean), std::move(stddev)));
    } else if (transform != static_cast<std::uint32_t>(InputTransformCode::none)) {
      reader.fail("unknown input transform code " + std::to_string(transform) + " (0 none, 1 standardise)");
    }
  }
  for (int layer = 0; layer < network.layer_count(); ++layer) {
    auto weights = network.weights(layer);
    reader.read(weights.data(), static_cast<std::size_t>(weights.size()) * sizeof(float));
    auto bias = network.bias(layer);
    reader.read(bias.data(), static_cast<std::size_t>(bias.size()) * sizeof(float));
  }
  if (!reader.at_end()) reader.fail("trailing bytes after the last layer");
  return network;
}

}  // namespace sweep::trainer
