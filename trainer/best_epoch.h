// Keeps the network of the best validation epoch so far (--keep-best), and tells when `patience` epochs in
// a row have not beaten it (--patience, early stopping), so what a run tests and saves is the epoch a sweep
// ranks it by.
#pragma once

#include <array>
#include <optional>

#include "trainer/choices.h"
#include "trainer/network.h"
#include "trainer/training.h"

namespace sweep::trainer {

enum class BestMetric { val_acc, val_loss };

inline constexpr std::array<Choice<BestMetric>, 2> kBestMetrics{{
    {"val_acc", BestMetric::val_acc},
    {"val_loss", BestMetric::val_loss},
}};

class BestEpoch {
 public:
  // patience 0: never stop early.
  BestEpoch(BestMetric metric, int patience) : metric_(metric), patience_(patience) {}

  // Records an epoch's result (it needs a validation part) with the network it ended with; copies the
  // network if the epoch beats every earlier one (val_acc higher, or val_loss lower; ties keep the earlier).
  // Returns whether it did.
  bool observe(const EpochResult& result, const Network<float>& network);

  // `patience` epochs have passed since the best one.
  bool patience_exhausted() const { return patience_ > 0 && epochs_since_best_ >= patience_; }

  // Valid after the first observe().
  int epoch() const { return epoch_; }
  const Metrics& validation() const { return validation_; }
  const Network<float>& network() const { return *network_; }

 private:
  BestMetric metric_;
  int patience_;
  int epoch_ = 0;
  int epochs_since_best_ = 0;
  Metrics validation_;
  std::optional<Network<float>> network_;
};

}  // namespace sweep::trainer
