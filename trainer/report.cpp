#include "trainer/report.h"

namespace sweep::trainer {

nlohmann::ordered_json epoch_json(const EpochResult& result) {
  if (result.diverged) return {{"epoch", result.epoch}, {"batch", result.diverged_batch}, {"diverged", true}};
  nlohmann::ordered_json line = {
      {"epoch", result.epoch}, {"train_loss", result.train.loss}, {"train_acc", result.train.accuracy}};
  if (result.validation.count > 0) {
    line["val_loss"] = result.validation.loss;
    line["val_acc"] = result.validation.accuracy;
  }
  line["epoch_seconds"] = result.seconds;
  return line;
}

void add_best_epoch(nlohmann::ordered_json& line, const BestEpoch& best) {
  line["best_epoch"] = best.epoch();
  line["best_val_loss"] = best.validation().loss;
  line["best_val_acc"] = best.validation().accuracy;
}

void add_test_metrics(nlohmann::ordered_json& line, const Metrics& test) {
  line["test_loss"] = test.loss;
  line["test_acc"] = test.accuracy;
  line["test_confusion"] = test.confusion;
}

}  // namespace sweep::trainer
