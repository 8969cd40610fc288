#include "trainer/training.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "test_files.h"
#include "trainer/dataset.h"

namespace sweep::trainer {
namespace {

Dataset synthetic_dataset(std::size_t count) {
  Dataset dataset;
  dataset.train_images = testing::synthetic_images(count, 40, 1);
  dataset.test_images = testing::synthetic_images(200, 40, 2);
  dataset.split = split_indices(count, 0.2, 3);
  return dataset;
}

TrainingConfig small_config(std::uint64_t seed) {
  TrainingConfig config;
  config.num_layers = 2;
  config.hidden_size = 16;
  config.activation = Activation::tanh;
  config.weight_init = WeightInit::xavier;
  config.batch_size = 32;
  config.weight_decay = 1e-4;
  config.optimizer = {
      .kind = OptimizerKind::nadam, .learning_rate = 0.01, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8};
  config.seed = seed;
  return config;
}

std::vector<float> parameters_after_epochs(const Dataset& dataset, const TrainingConfig& config, int epochs) {
  Training training(dataset, config);
  for (int epoch = 0; epoch < epochs; ++epoch) training.run_epoch();
  const auto parameters = training.network().parameters();
  return {parameters.begin(), parameters.end()};
}

TEST_CASE("a seeded run repeats bit for bit; another seed differs") {
  const Dataset dataset = synthetic_dataset(1000);
  const auto first = parameters_after_epochs(dataset, small_config(42), 2);
  const auto second = parameters_after_epochs(dataset, small_config(42), 2);
  REQUIRE(first.size() == second.size());
  CHECK(std::memcmp(first.data(), second.data(), first.size() * sizeof(float)) == 0);
  CHECK(parameters_after_epochs(dataset, small_config(43), 2) != first);
}

TEST_CASE("two threads repeat bit for bit and agree with one thread to rounding") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(42);
  config.hidden_size = 128;
  config.batch_size = 64;
  config.threads = 2;
  REQUIRE(Training(dataset, config).threads() == 2);
  const auto two = parameters_after_epochs(dataset, config, 2);
  const auto again = parameters_after_epochs(dataset, config, 2);
  CHECK(std::memcmp(two.data(), again.data(), two.size() * sizeof(float)) == 0);
  config.threads = 1;
  const auto one = parameters_after_epochs(dataset, config, 2);
  double worst = 0;
  for (std::size_t i = 0; i < one.size(); ++i) worst = std::max(worst, double(std::abs(one[i] - two[i])));
  CHECK(worst < 1e-3);
  CHECK(worst > 0);  // the two threads really summed the gradient in another order
}

double largest_difference(const std::vector<float>& a, const std::vector<float>& b) {
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, double(std::abs(a[i] - b[i])));
  return worst;
}

TEST_CASE("dropout: seeded runs repeat bit for bit, and two threads draw one thread's masks") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(42);
  config.hidden_size = 128;
  config.batch_size = 64;
  config.threads = 2;
  const auto without = parameters_after_epochs(dataset, config, 2);
  config.dropout = 0.3;
  const auto two = parameters_after_epochs(dataset, config, 2);
  CHECK(two != without);
  CHECK(parameters_after_epochs(dataset, config, 2) == two);
  config.threads = 1;
  const auto one = parameters_after_epochs(dataset, config, 2);
  CHECK(largest_difference(one, two) < 1e-3);  // different masks would differ by far more
  CHECK(largest_difference(one, without) > 1e-2);
  config.seed = 43;
  CHECK(parameters_after_epochs(dataset, config, 2) != one);
}

TEST_CASE("dropout still learns, and evaluation runs without it") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(1);
  config.dropout = 0.2;
  Training training(dataset, config);
  EpochResult result;
  for (int epoch = 0; epoch < 5; ++epoch) result = training.run_epoch();
  CHECK(result.validation.accuracy > 0.9);
  const Metrics again = evaluate(training.network(), dataset.train_images, dataset.split.validation, 1);
  CHECK(again.loss == result.validation.loss);
}

TEST_CASE("the learning-rate schedule sets every step's rate") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(7);
  const auto one_epoch = parameters_after_epochs(dataset, config, 1);
  const auto constant = parameters_after_epochs(dataset, config, 2);
  config.lr_schedule = {.kind = LrScheduleKind::step, .step_epochs = 1, .step_gamma = 1e-6};
  // Epoch 1 runs at the full rate, epoch 2 at a millionth of it: the weights barely move in epoch 2.
  CHECK(parameters_after_epochs(dataset, config, 1) == one_epoch);
  const auto stepped = parameters_after_epochs(dataset, config, 2);
  CHECK(largest_difference(stepped, one_epoch) < 1e-5);
  CHECK(largest_difference(constant, one_epoch) > 1e-3);
  config.lr_schedule = {.kind = LrScheduleKind::cosine, .warmup_epochs = 0.5};
  const auto cosine = parameters_after_epochs(dataset, config, 2);
  CHECK(cosine != constant);
  CHECK(largest_difference(cosine, one_epoch) > 1e-3);
}

TEST_CASE("standardize: the network carries the training part's standardisation and learns with it") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(1);
  config.standardize = true;
  config.max_train = 500;
  Training training(dataset, config);
  const std::span<const std::uint32_t> used = std::span(dataset.split.train).first(500);
  const InputStandardization expected = compute_standardization(dataset.train_images, used);
  REQUIRE_FALSE(training.network().input_standardization().empty());
  CHECK(training.network().input_standardization().mean() == expected.mean());
  CHECK(training.network().input_standardization().stddev() == expected.stddev());
  EpochResult result;
  for (int epoch = 0; epoch < 5; ++epoch) result = training.run_epoch();
  CHECK(result.validation.accuracy > 0.9);
  // Validation went through the standardisation: without it the same weights score otherwise.
  Network<float> unstandardized = training.network();
  unstandardized.set_input_standardization({});
  CHECK(evaluate(unstandardized, dataset.train_images, dataset.split.validation, 1).loss != result.validation.loss);
}

TEST_CASE("batches are split across threads only when each slice has enough work") {
  TrainingConfig config;
  config.threads = 2;
  config.batch_size = 64;
  CHECK(training_threads(config, {784, 128, 128, 128, 10}) == 2);
  CHECK(training_threads(config, {784, 4, 10}) == 1);
  config.batch_size = 4;
  CHECK(training_threads(config, {784, 128, 128, 128, 10}) == 1);
  config.threads = 1;
  config.batch_size = 4096;
  CHECK(training_threads(config, {784, 128, 128, 128, 10}) == 1);
}

TEST_CASE("more threads than examples in a batch leaves some slices empty, and still trains") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(3);
  config.hidden_size = 1024;  // enough work per example for three slices of a batch of two
  config.threads = 3;
  config.batch_size = 2;
  config.max_train = 301;  // the last batch has a single example
  Training training(dataset, config);
  REQUIRE(training.threads() == 3);
  const EpochResult result = training.run_epoch();
  CHECK_FALSE(result.diverged);
  CHECK(result.train.count == 301);
  CHECK(std::isfinite(result.train.loss));
}

TEST_CASE("evaluation does not depend on the thread count") {
  const Dataset dataset = synthetic_dataset(3000);
  Training training(dataset, small_config(5));
  training.run_epoch();
  const Metrics one = evaluate_all(training.network(), dataset.train_images, 1);
  const Metrics three = evaluate_all(training.network(), dataset.train_images, 3);
  CHECK(one.loss == three.loss);
  CHECK(one.accuracy == three.accuracy);
  CHECK(one.confusion == three.confusion);
  CHECK(one.count == 3000);
}

TEST_CASE("training learns a separable synthetic problem with every optimizer") {
  const Dataset dataset = synthetic_dataset(1000);
  for (const auto& choice : kOptimizers) {
    CAPTURE(choice.name);
    TrainingConfig config = small_config(1);
    config.optimizer.kind = choice.value;
    config.optimizer.learning_rate = choice.value == OptimizerKind::sgd || choice.value == OptimizerKind::momentum ||
                                             choice.value == OptimizerKind::nag
                                         ? 0.1
                                         : 0.01;
    Training training(dataset, config);
    EpochResult result;
    for (int epoch = 0; epoch < 5; ++epoch) result = training.run_epoch();
    CHECK_FALSE(result.diverged);
    CHECK(result.epoch == 5);
    CHECK(result.validation.count == 200);
    CHECK(result.validation.accuracy > 0.9);
  }
}

TEST_CASE("max_train limits the images of an epoch; the last partial batch counts") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(1);
  config.max_train = 100;  // 3 batches of 32 and one of 4
  Training training(dataset, config);
  CHECK(training.run_epoch().train.count == 100);
}

TEST_CASE("a huge learning rate is reported as divergence") {
  const Dataset dataset = synthetic_dataset(1000);
  TrainingConfig config = small_config(1);
  config.activation = Activation::identity;
  config.loss = Loss::mean_squared_error;
  config.optimizer = {.kind = OptimizerKind::sgd, .learning_rate = 1e30};
  Training training(dataset, config);
  EpochResult result;
  for (int epoch = 0; epoch < 3 && !result.diverged; ++epoch) result = training.run_epoch();
  CHECK(result.diverged);
}

TEST_CASE("end to end: a few thousand real Fashion-MNIST images are learned") {
  const Dataset dataset = load_dataset({}, 0.1, 1);
  REQUIRE(dataset.train_images.count() == 60000);
  REQUIRE(dataset.test_images.count() == 10000);
  REQUIRE(dataset.split.validation.size() == 6000);
  TrainingConfig config;
  config.num_layers = 2;
  config.hidden_size = 64;
  config.activation = Activation::relu;
  config.weight_init = WeightInit::xavier;
  config.batch_size = 64;
  config.optimizer = {
      .kind = OptimizerKind::adam, .learning_rate = 1e-3, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8};
  config.max_train = 4000;
  Training training(dataset, config);
  EpochResult result;
  for (int epoch = 0; epoch < 4; ++epoch) result = training.run_epoch();
  CHECK(result.train.count == 4000);
  CHECK(result.validation.accuracy > 0.7);  // chance is 0.1
  CHECK(result.validation.loss < 1.0);      // chance is log(10) = 2.3
}

}  // namespace
}  // namespace sweep::trainer
