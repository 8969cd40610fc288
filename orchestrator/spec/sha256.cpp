#include "orchestrator/spec/sha256.h"

#include <openssl/evp.h>

#include <array>
#include <cstdio>

namespace orchestrator::spec {

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest only fails on allocation failure inside OpenSSL; an empty hash then reads as "changed spec".
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) return {};
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) std::snprintf(&hex[2 * i], 3, "%02x", digest[i]);
  return hex;
}

}  // namespace orchestrator::spec
