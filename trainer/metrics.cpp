#include "trainer/metrics.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "trainer/batch.h"
#include "trainer/thread_team.h"

namespace sweep::trainer {
namespace {

constexpr std::size_t kEvaluationChunk = 1000;

}  // namespace

void MetricsAccumulator::add(const Eigen::MatrixXf& probabilities, std::span<const std::uint8_t> labels,
                             double loss_sum) {
  for (Eigen::Index j = 0; j < probabilities.cols(); ++j) {
    Eigen::Index predicted = 0;
    probabilities.col(j).maxCoeff(&predicted);
    const std::uint8_t label = labels[static_cast<std::size_t>(j)];
    correct_ += predicted == label;
    ++confusion_[label][static_cast<std::size_t>(predicted)];
  }
  loss_sum_ += loss_sum;
  count_ += probabilities.cols();
}

Metrics MetricsAccumulator::result() const {
  Metrics metrics;
  metrics.count = count_;
  metrics.confusion = confusion_;
  if (count_ > 0) {
    metrics.loss = loss_sum_ / static_cast<double>(count_);
    metrics.accuracy = static_cast<double>(correct_) / static_cast<double>(count_);
  }
  return metrics;
}

void MetricsAccumulator::merge(const MetricsAccumulator& other) {
  loss_sum_ += other.loss_sum_;
  correct_ += other.correct_;
  count_ += other.count_;
  for (int row = 0; row < kClassCount; ++row) {
    for (int column = 0; column < kClassCount; ++column) confusion_[row][column] += other.confusion_[row][column];
  }
}

Metrics evaluate(const Network<float>& network, const LabeledImages& images, std::span<const std::uint32_t> indices,
                 int threads) {
  const auto chunk_count = static_cast<long>((indices.size() + kEvaluationChunk - 1) / kEvaluationChunk);
  std::vector<MetricsAccumulator> chunks(static_cast<std::size_t>(chunk_count));
  run_on_threads(threads, [&](int thread) {
    Backpropagation<float> pass(network);
    Eigen::MatrixXf batch;
    std::vector<std::uint8_t> labels;
    for (long chunk = thread; chunk < chunk_count; chunk += threads) {
      const std::size_t start = static_cast<std::size_t>(chunk) * kEvaluationChunk;
      gather_batch(images, indices.subspan(start, std::min(kEvaluationChunk, indices.size() - start)),
                   network.input_standardization(), batch, labels);
      const Eigen::MatrixXf& probabilities = pass.forward(network, batch);
      chunks[static_cast<std::size_t>(chunk)].add(probabilities, labels, pass.loss_sum(labels));
    }
  });
  MetricsAccumulator total;
  for (const MetricsAccumulator& chunk : chunks) total.merge(chunk);
  return total.result();
}

Metrics evaluate_all(const Network<float>& network, const LabeledImages& images, int threads) {
  std::vector<std::uint32_t> indices(images.count());
  std::iota(indices.begin(), indices.end(), 0u);
  return evaluate(network, images, indices, threads);
}

}  // namespace sweep::trainer
