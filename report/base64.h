// Base64 (RFC 4648, standard alphabet, with padding), for embedding binary data such as PNG images
// in data URIs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace report {

std::string base64_encode(const std::uint8_t* data, std::size_t size);

}  // namespace report
