// The JSON objects the trainer prints on stdout, one per line: an epoch's metrics, the kept best epoch and
// the test metrics added to the last epoch's line, and the result of --eval.
#pragma once

#include <nlohmann/json.hpp>

#include "trainer/best_epoch.h"
#include "trainer/metrics.h"
#include "trainer/training.h"

namespace sweep::trainer {

// {"epoch","train_loss","train_acc","val_loss","val_acc","epoch_seconds"} (val_* only with a validation part);
// a diverged epoch is {"epoch","batch","diverged":true}.
nlohmann::ordered_json epoch_json(const EpochResult& result);

// Adds "best_epoch", "best_val_loss" and "best_val_acc": the epoch whose network the run tests and saves.
void add_best_epoch(nlohmann::ordered_json& line, const BestEpoch& best);

// Adds "test_loss", "test_acc" and "test_confusion" (rows: true class, columns: predicted class).
void add_test_metrics(nlohmann::ordered_json& line, const Metrics& test);

}  // namespace sweep::trainer
