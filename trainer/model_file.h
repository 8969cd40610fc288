// Saves and loads trained networks. The format (version 2), all integers uint32 and all numbers IEEE-754
// float32, little-endian:
//   bytes 0-7   magic "SWEEPMLP"
//   8           format version (2; version 1 files, which lack the input transform, are read too)
//   12          activation: 0 identity, 1 sigmoid, 2 tanh, 3 ReLU
//   16          loss: 0 cross_entropy, 1 mean_squared_error
//   20          S, the number of layer sizes (input, hidden..., classes), S >= 2
//   24          the S layer sizes
//   then (version 2 only) the input transform: 0 none, or 1 standardise followed by sizes[0] means and
//   sizes[0] standard deviations (input_standardization.h);
//   then, for each layer l = 0 .. S-2: its weights, sizes[l+1] x sizes[l] in column-major order
//   (element (out, in) at out + in * sizes[l+1]), then its sizes[l+1] biases. Nothing follows.
#pragma once

#include <filesystem>

#include "trainer/network.h"

namespace sweep::trainer {

inline constexpr std::uint32_t kModelFormatVersion = 2;

// Throws ModelFileError if `path` cannot be opened for writing; lets a run fail before it trains rather than
// after. Creates the file (empty) if it does not exist.
void check_model_writable(const std::filesystem::path& path);

// Throws ModelFileError if the file cannot be written.
void save_model(const std::filesystem::path& path, const Network<float>& network);

// Reads versions 1 and 2. Throws ModelFileError naming the file and the problem (missing, wrong magic,
// unknown version, bad sizes, bad input transform, truncated, trailing bytes).
Network<float> load_model(const std::filesystem::path& path);

}  // namespace sweep::trainer
