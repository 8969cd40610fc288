// YamlToJson: reads untrusted YAML text into a JSON tree, with limits on size, node count and depth
// so that alias bombs, cycles and absurd nesting are refused instead of exhausting the machine.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace orchestrator::spec {

struct YamlLimits {
  std::size_t max_bytes = 1 << 20;   // 1 MiB of text
  std::size_t max_nodes = 100'000;   // nodes visited, aliases counted every time they are expanded
  int max_depth = 64;                // nested mappings/sequences
};

// Where each field was written: its path ("parameters.lr.max", "command[1]") -> 1-based line.
using FieldLines = std::map<std::string, int>;

// Parses one YAML document. Scalars are typed by the YAML 1.2 core schema (plus 1e-5 style floats):
// quoted scalars stay strings. Throws SpecError "<source>: ..." on a syntax error (with line and
// column), several documents, non-scalar or duplicate keys, or a limit exceeded. Fills `lines` if given.
nlohmann::json yaml_to_json(const std::string& text, const std::string& source, const YamlLimits& limits = {},
                            FieldLines* lines = nullptr);

// A plain (unquoted) YAML scalar typed by the core schema: null, bool, int, float or string.
nlohmann::json plain_scalar_to_json(const std::string& text);

}  // namespace orchestrator::spec
