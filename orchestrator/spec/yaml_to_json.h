// YamlToJson: reads untrusted YAML text into a JSON tree, with limits on size, node count and depth
// so that alias bombs, cycles and absurd nesting are refused instead of exhausting the machine.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace orchestrator::spec {

struct YamlLimits {
  std::size_t max_bytes = 1 << 20;   // 1 MiB of text
  std::size_t max_nodes = 100'000;   // nodes visited, aliases counted every time they are expanded
  int max_depth = 64;                // nested mappings/sequences
};

// Parses one YAML document. Scalars are typed by the YAML 1.2 core schema (plus 1e-5 style floats):
// quoted scalars stay strings. Throws SpecError "<source>: ..." on a syntax error (with line and
// column), several documents, non-scalar or duplicate keys, or a limit exceeded.
nlohmann::json yaml_to_json(const std::string& text, const std::string& source, const YamlLimits& limits = {});

// A plain (unquoted) YAML scalar typed by the core schema: null, bool, int, float or string.
nlohmann::json plain_scalar_to_json(const std::string& text);

}  // namespace orchestrator::spec
