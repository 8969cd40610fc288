// ParameterParser: reads a spec's `parameters` block (W&B format, nested blocks included) into
// ParameterSpecs, refusing anything W&B would not accept or that could not be sampled.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/spec_reader.h"
#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator::spec {

// `block` is the value of a `parameters` key at `path` ("parameters", "parameters.optimizer.parameters").
// Parameters come out in name order (as W&B sorts them), nested ones depth-first.
std::vector<ParameterSpec> parse_parameters(const SpecReader& reader, const nlohmann::json& block,
                                            const std::string& path);

}  // namespace orchestrator::spec
