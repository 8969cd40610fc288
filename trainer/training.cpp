#include "trainer/training.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "trainer/batch.h"
#include "trainer/thread_team.h"

namespace sweep::trainer {
namespace {

// [begin, end) of part `part` of `count` items split into `parts`, boundaries on multiples of `align`.
std::pair<std::size_t, std::size_t> share(std::size_t count, int part, int parts, std::size_t align) {
  auto boundary = [&](int p) {
    return std::min(count, count * static_cast<std::size_t>(p) / static_cast<std::size_t>(parts) / align * align);
  };
  return {boundary(part), part + 1 == parts ? count : boundary(part + 1)};
}

}  // namespace

std::vector<int> layer_sizes(const TrainingConfig& config, std::size_t input_size) {
  std::vector<int> sizes{static_cast<int>(input_size)};
  sizes.insert(sizes.end(), static_cast<std::size_t>(config.num_layers), config.hidden_size);
  sizes.push_back(kClassCount);
  return sizes;
}

int training_threads(const TrainingConfig& config, const std::vector<int>& layer_sizes) {
  double flops_per_example = 0;
  for (std::size_t layer = 0; layer + 1 < layer_sizes.size(); ++layer) {
    flops_per_example += 6.0 * layer_sizes[layer] * layer_sizes[layer + 1];
  }
  const double slices = flops_per_example * config.batch_size / kMinFlopsPerSlice;
  return std::clamp(static_cast<int>(slices), 1, config.threads);
}

Training::Training(const Dataset& dataset, const TrainingConfig& config)
    : dataset_(dataset),
      config_(config),
      network_(layer_sizes(config, dataset.train_images.pixels_per_image), config.activation, config.loss),
      threads_(training_threads(config, network_.layer_sizes())),
      shuffle_random_(config.seed + 2),
      order_(dataset.split.train) {
  if (config.max_train > 0 && config.max_train < order_.size()) order_.resize(config.max_train);
  const auto batch_size = static_cast<std::size_t>(config.batch_size);
  steps_per_epoch_ = static_cast<long>((order_.size() + batch_size - 1) / batch_size);
  Random init_random(config.seed + 1);
  network_.initialize(config.weight_init, init_random);
  if (config.standardize) network_.set_input_standardization(compute_standardization(dataset.train_images, order_));
  optimizer_ = make_optimizer(config.optimizer, network_.parameters().size());
  for (int thread = 0; thread < threads_; ++thread) workers_.emplace_back(network_);
}

EpochResult Training::run_epoch() {
  EpochResult result;
  result.epoch = ++epoch_;
  const auto started = std::chrono::steady_clock::now();
  shuffle_random_.shuffle(order_);
  for (Worker& worker : workers_) worker.metrics = MetricsAccumulator();
  Barrier barrier(threads_);
  run_on_threads(threads_, [&](int thread) {
    const long diverged_batch = train_slices(thread, barrier);
    if (thread == 0) result.diverged_batch = diverged_batch;
  });
  step_ += steps_per_epoch_;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.diverged = result.diverged_batch != 0;
  MetricsAccumulator train_metrics;
  for (const Worker& worker : workers_) train_metrics.merge(worker.metrics);
  result.train = train_metrics.result();
  if (!result.diverged && !dataset_.split.validation.empty()) {
    result.validation = evaluate(network_, dataset_.train_images, dataset_.split.validation, config_.threads);
    // The last update may have broken the weights without a training batch left to notice.
    result.diverged = !std::isfinite(result.validation.loss);
  }
  return result;
}

long Training::train_slices(int thread, Barrier& barrier) {
  Worker& worker = workers_[static_cast<std::size_t>(thread)];
  const std::span<const std::uint32_t> order(order_);
  const auto batch_size = static_cast<std::size_t>(config_.batch_size);
  const std::size_t batch_count = (order.size() + batch_size - 1) / batch_size;
  const std::uint64_t dropout_key = mix_bits(config_.seed + 3);
  for (std::size_t b = 0; b < batch_count; ++b) {
    const auto batch = order.subspan(b * batch_size, std::min(batch_size, order.size() - b * batch_size));
    const auto [begin, end] = share(batch.size(), thread, threads_, 1);
    const long step = step_ + static_cast<long>(b);
    gather_batch(dataset_.train_images, batch.subspan(begin, end - begin), network_.input_standardization(),
                 worker.inputs, worker.labels);
    const DropoutDraw dropout{.rate = config_.dropout,
                              .key = dropout_key ^ mix_bits(static_cast<std::uint64_t>(step)),
                              .first_example = static_cast<Eigen::Index>(begin)};
    const Eigen::MatrixXf& probabilities = worker.pass.forward(network_, worker.inputs, dropout);
    worker.loss = worker.pass.loss_sum(worker.labels);
    worker.metrics.add(probabilities, worker.labels, worker.loss);
    worker.pass.backward(network_, worker.inputs, worker.labels, static_cast<Eigen::Index>(batch.size()));
    if (thread == 0) {
      optimizer_->set_learning_rate(config_.optimizer.learning_rate *
                                    learning_rate_factor(config_.lr_schedule, step, steps_per_epoch_, config_.epochs));
      optimizer_->begin_step();
    }
    barrier.arrive_and_wait();
    double batch_loss = 0;
    for (const Worker& w : workers_) batch_loss += w.loss;
    if (!std::isfinite(batch_loss)) return static_cast<long>(b) + 1;  // every thread sees the same sum
    reduce_and_update(thread);
    barrier.arrive_and_wait();
  }
  return 0;
}

void Training::reduce_and_update(int thread) {
  // 16 floats: shares start on 64-byte boundaries, so no two threads write the same cache line.
  const auto [begin, end] = share(network_.parameters().size(), thread, threads_, 16);
  const std::span<float> total = workers_.front().pass.gradients().subspan(begin, end - begin);
  Eigen::Map<Eigen::ArrayXf> sum(total.data(), static_cast<Eigen::Index>(total.size()));
  for (std::size_t other = 1; other < workers_.size(); ++other) {
    sum += Eigen::Map<const Eigen::ArrayXf>(workers_[other].pass.gradients().data() + begin, sum.size());
  }
  network_.add_weight_decay(workers_.front().pass.gradients(), static_cast<float>(config_.weight_decay), begin, end);
  optimizer_->update(begin, network_.parameters().subspan(begin, end - begin), total);
}

}  // namespace sweep::trainer
