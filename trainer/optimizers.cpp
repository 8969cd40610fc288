#include "trainer/optimizers.h"

#include <algorithm>
#include <cmath>

namespace sweep::trainer {
namespace {

// 2048 floats per array: a chunk of four arrays stays in the L1 cache between the passes over it.
constexpr Eigen::Index kChunk = 2048;

using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;

// Calls update(w, g, at, n) with matching chunks of the parameters and gradients; `at` is the chunk's
// index in the whole parameter vector (the range starts at `offset`), for the optimizer's state.
template <typename Update>
void for_each_chunk(std::size_t offset, std::span<float> parameters, std::span<const float> gradients,
                    Update&& update) {
  const auto size = static_cast<Eigen::Index>(parameters.size());
  for (Eigen::Index start = 0; start < size; start += kChunk) {
    const Eigen::Index length = std::min(kChunk, size - start);
    ArrayMap w(parameters.data() + start, length);
    ConstArrayMap g(gradients.data() + start, length);
    update(w, g, static_cast<Eigen::Index>(offset) + start, length);
  }
}

// The moment updates Adam and Nadam share, for one chunk:
// m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2.
void advance_moments(const AdamStep& s, Eigen::ArrayXf& mean, Eigen::ArrayXf& mean_square, Eigen::Index at,
                     Eigen::Index n, const ConstArrayMap& g) {
  auto m = mean.segment(at, n);
  auto v = mean_square.segment(at, n);
  m = s.beta1 * m + (1 - s.beta1) * g;
  v = s.beta2 * v + (1 - s.beta2) * g.square();
}

}  // namespace

void Sgd::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  for_each_chunk(offset, parameters, gradients,
                 [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index, Eigen::Index) { w -= learning_rate_ * g; });
}

MomentumState::MomentumState(const OptimizerSettings& settings, std::size_t parameter_count)
    : Optimizer(settings.learning_rate),
      momentum_(static_cast<float>(settings.momentum)),
      velocity_(Eigen::ArrayXf::Zero(static_cast<Eigen::Index>(parameter_count))) {}

void Momentum::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  for_each_chunk(offset, parameters, gradients,
                 [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index at, Eigen::Index n) {
                   auto u = velocity_.segment(at, n);
                   u = momentum_ * u + learning_rate_ * g;
                   w -= u;
                 });
}

void Nesterov::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  for_each_chunk(offset, parameters, gradients,
                 [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index at, Eigen::Index n) {
                   auto u = velocity_.segment(at, n);
                   u = momentum_ * u + learning_rate_ * g;
                   w -= momentum_ * u + learning_rate_ * g;
                 });
}

RmsProp::RmsProp(const OptimizerSettings& settings, std::size_t parameter_count)
    : Optimizer(settings.learning_rate),
      beta_(static_cast<float>(settings.beta)),
      epsilon_(static_cast<float>(settings.epsilon)),
      mean_square_(Eigen::ArrayXf::Zero(static_cast<Eigen::Index>(parameter_count))) {}

void RmsProp::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  for_each_chunk(offset, parameters, gradients,
                 [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index at, Eigen::Index n) {
                   auto v = mean_square_.segment(at, n);
                   v = beta_ * v + (1 - beta_) * g.square();
                   w -= learning_rate_ * g / (v.sqrt() + epsilon_);
                 });
}

AdamStep::AdamStep(const OptimizerSettings& settings, long t, float step_learning_rate)
    : beta1(static_cast<float>(settings.beta1)),
      beta2(static_cast<float>(settings.beta2)),
      learning_rate(step_learning_rate),
      epsilon(static_cast<float>(settings.epsilon)),
      mean_correction(static_cast<float>(1 / (1 - std::pow(settings.beta1, static_cast<double>(t))))),
      square_correction(static_cast<float>(1 / (1 - std::pow(settings.beta2, static_cast<double>(t))))) {}

AdamState::AdamState(const OptimizerSettings& settings, std::size_t parameter_count)
    : Optimizer(settings.learning_rate),
      settings_(settings),
      mean_(Eigen::ArrayXf::Zero(static_cast<Eigen::Index>(parameter_count))),
      mean_square_(Eigen::ArrayXf::Zero(static_cast<Eigen::Index>(parameter_count))) {}

void Adam::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  const AdamStep& s = step_;
  for_each_chunk(offset, parameters, gradients,
                 [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index at, Eigen::Index n) {
                   advance_moments(s, mean_, mean_square_, at, n, g);
                   const auto m = mean_.segment(at, n);
                   const auto v = mean_square_.segment(at, n);
                   w -= (s.learning_rate * s.mean_correction) * m / ((s.square_correction * v).sqrt() + s.epsilon);
                 });
}

void Nadam::update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) {
  const AdamStep& s = step_;
  for_each_chunk(
      offset, parameters, gradients, [&](ArrayMap& w, const ConstArrayMap& g, Eigen::Index at, Eigen::Index n) {
        advance_moments(s, mean_, mean_square_, at, n, g);
        const auto m = mean_.segment(at, n);
        const auto v = mean_square_.segment(at, n);
        const float mean_weight = s.beta1 * s.mean_correction;
        const float gradient_weight = (1 - s.beta1) * s.mean_correction;
        w -= s.learning_rate * (mean_weight * m + gradient_weight * g) / ((s.square_correction * v).sqrt() + s.epsilon);
      });
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, std::size_t parameter_count) {
  switch (settings.kind) {
    case OptimizerKind::sgd:
      return std::make_unique<Sgd>(settings);
    case OptimizerKind::momentum:
      return std::make_unique<Momentum>(settings, parameter_count);
    case OptimizerKind::nag:
      return std::make_unique<Nesterov>(settings, parameter_count);
    case OptimizerKind::rmsprop:
      return std::make_unique<RmsProp>(settings, parameter_count);
    case OptimizerKind::adam:
      return std::make_unique<Adam>(settings, parameter_count);
    case OptimizerKind::nadam:
      return std::make_unique<Nadam>(settings, parameter_count);
  }
  return nullptr;
}

}  // namespace sweep::trainer
