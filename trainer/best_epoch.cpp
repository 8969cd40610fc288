#include "trainer/best_epoch.h"

#include <algorithm>

namespace sweep::trainer {

bool BestEpoch::observe(const EpochResult& result, const Network<float>& network) {
  const Metrics& validation = result.validation;
  const bool better = !network_ || (metric_ == BestMetric::val_acc ? validation.accuracy > validation_.accuracy
                                                                   : validation.loss < validation_.loss);
  if (!better) {
    ++epochs_since_best_;
    return false;
  }
  epoch_ = result.epoch;
  epochs_since_best_ = 0;
  validation_ = validation;
  if (network_) {
    // Same architecture every epoch: copy the numbers, not the structure.
    std::ranges::copy(network.parameters(), network_->parameters().begin());
  } else {
    network_.emplace(network);
  }
  return true;
}

}  // namespace sweep::trainer
