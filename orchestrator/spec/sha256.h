// Sha256: the SHA-256 digest (FIPS 180-4) of a string, as lowercase hex. Identifies a spec's text
// so that a changed spec under an existing sweep name can be noticed.
#pragma once

#include <string>
#include <string_view>

namespace orchestrator::spec {

std::string sha256_hex(std::string_view data);

}  // namespace orchestrator::spec
