#include "trainer/best_epoch.h"

#include <doctest/doctest.h>

namespace sweep::trainer {
namespace {

EpochResult epoch_with(int epoch, double val_acc, double val_loss) {
  EpochResult result;
  result.epoch = epoch;
  result.validation.accuracy = val_acc;
  result.validation.loss = val_loss;
  result.validation.count = 100;
  return result;
}

// A network whose first parameter records the epoch it ended.
Network<float> network_of(int epoch) {
  Network<float> network({2, 10}, Activation::relu, Loss::cross_entropy);
  network.parameters()[0] = static_cast<float>(epoch);
  return network;
}

TEST_CASE("val_acc: the highest epoch is kept, with its network; a tie keeps the earlier") {
  BestEpoch best(BestMetric::val_acc, 0);
  CHECK(best.observe(epoch_with(1, 0.80, 0.6), network_of(1)));
  CHECK(best.observe(epoch_with(2, 0.85, 0.5), network_of(2)));
  CHECK_FALSE(best.observe(epoch_with(3, 0.85, 0.4), network_of(3)));
  CHECK_FALSE(best.observe(epoch_with(4, 0.84, 0.3), network_of(4)));
  CHECK(best.epoch() == 2);
  CHECK(best.validation().accuracy == 0.85);
  CHECK(best.validation().loss == 0.5);
  CHECK(best.network().parameters()[0] == 2.0f);
  CHECK_FALSE(best.patience_exhausted());  // patience 0: never
}

TEST_CASE("val_loss: the lowest epoch is kept") {
  BestEpoch best(BestMetric::val_loss, 0);
  best.observe(epoch_with(1, 0.80, 0.6), network_of(1));
  best.observe(epoch_with(2, 0.85, 0.5), network_of(2));
  best.observe(epoch_with(3, 0.90, 0.55), network_of(3));
  CHECK(best.epoch() == 2);
  CHECK(best.network().parameters()[0] == 2.0f);
}

TEST_CASE("patience counts the epochs since the best, and a new best resets it") {
  BestEpoch best(BestMetric::val_acc, 2);
  best.observe(epoch_with(1, 0.80, 0.6), network_of(1));
  best.observe(epoch_with(2, 0.79, 0.6), network_of(2));
  CHECK_FALSE(best.patience_exhausted());
  best.observe(epoch_with(3, 0.81, 0.6), network_of(3));
  best.observe(epoch_with(4, 0.80, 0.6), network_of(4));
  CHECK_FALSE(best.patience_exhausted());
  best.observe(epoch_with(5, 0.80, 0.6), network_of(5));
  CHECK(best.patience_exhausted());
  CHECK(best.epoch() == 3);
}

}  // namespace
}  // namespace sweep::trainer
