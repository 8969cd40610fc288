// W&B's top-level keys that sweep does not act on (project, entity, controller, kind, apiVersion, job,
// image_uri) and those it cannot honour (method custom, scheduler, metrics): type-checked as W&B's schema does.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/spec_reader.h"

namespace orchestrator::spec {

// The keys read_wandb_keys checks, for the list of known top-level keys.
const std::vector<std::string_view>& wandb_only_keys();

// Refuses a W&B key of the wrong type or value as W&B's validator would, and the W&B features sweep
// does not run (naming what it does instead); warns about a scheduler block that changes nothing.
void read_wandb_keys(const SpecReader& reader, const nlohmann::json& root);

}  // namespace orchestrator::spec
