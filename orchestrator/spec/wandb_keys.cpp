#include "orchestrator/spec/wandb_keys.h"

#include <algorithm>

namespace orchestrator::spec {
namespace {

using nlohmann::json;
using namespace std::string_view_literals;

const json* find(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// W&B's schema types these as strings; an empty one is a string too.
void require_string(const SpecReader& reader, const json& root, std::string_view key) {
  const json* value = find(root, key);
  if (value != nullptr && !value->is_string()) {
    reader.fail(std::string(key), "is " + describe(*value) + "; W&B's schema requires a string here");
  }
}

void require_word(const SpecReader& reader, const json& value, const std::string& path,
                  const std::vector<std::string_view>& allowed) {
  if (value.is_string() && std::find(allowed.begin(), allowed.end(), value.get<std::string>()) != allowed.end()) return;
  reader.fail(path, "is " + describe(value) + "; allowed: " + list_words(allowed));
}

void read_controller(const SpecReader& reader, const json& root) {
  const json* controller = find(root, "controller");
  if (controller == nullptr) return;
  if (!controller->is_object()) {
    reader.fail("controller", "is " + describe(*controller) + "; W&B's schema requires a mapping such as "
                              "{type: local} (sweep is always its own local controller)");
  }
  const json* type = find(*controller, "type");
  if (type == nullptr) reader.fail("controller.type", "is missing; allowed: local or cloud");
  require_word(reader, *type, "controller.type", {"local"sv, "cloud"sv});
}

void refuse_what_sweep_does_not_run(const SpecReader& reader, const json& root) {
  if (const json* method = find(root, "method"); method != nullptr && *method == "custom") {
    reader.fail("method", "is \"custom\" (an external Optuna or Ax scheduler), which sweep does not run; use "
                          "method bayes (sweep's own Gaussian-process optimiser), grid or random");
  }
  if (find(root, "metrics") != nullptr) {
    reader.fail("metrics", "multi-objective optimisation (W&B's method custom) is not supported; give one "
                           "metric {name, goal}, which bayes and hyperband optimise");
  }
  if (const json* scheduler = find(root, "scheduler")) {
    const json* engine = scheduler->is_object() ? find(*scheduler, "engine") : nullptr;
    if (engine == nullptr || *engine != "wandb") {
      reader.fail("scheduler", "an external scheduler (optuna, ax) is not run by sweep; remove the block and use "
                               "method bayes (sweep's own Gaussian-process optimiser), grid or random");
    }
    reader.warn("scheduler", "engine wandb is W&B's own scheduler; sweep schedules the trials itself, so the "
                             "block is ignored");
  }
}

}  // namespace

const std::vector<std::string_view>& wandb_only_keys() {
  static const std::vector<std::string_view> keys = {"project"sv, "entity"sv, "controller"sv, "kind"sv, "apiVersion"sv,
                                                     "job"sv,     "image_uri"sv, "scheduler"sv, "metrics"sv};
  return keys;
}

void read_wandb_keys(const SpecReader& reader, const json& root) {
  for (const std::string_view key : {"project"sv, "entity"sv, "apiVersion"sv, "job"sv, "image_uri"sv}) {
    require_string(reader, root, key);
  }
  if (const json* kind = find(root, "kind")) require_word(reader, *kind, "kind", {"sweep"sv});
  read_controller(reader, root);
  refuse_what_sweep_does_not_run(reader, root);
}

}  // namespace orchestrator::spec
