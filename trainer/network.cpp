#include "trainer/network.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace sweep::trainer {
namespace {

// Keeps each layer's block 64-byte aligned (the widest SIMD load we target), and lets threads split the
// parameters at block boundaries.
constexpr Eigen::Index kAlignScalars = 16;

Eigen::Index round_up(Eigen::Index value) { return (value + kAlignScalars - 1) / kAlignScalars * kAlignScalars; }

}  // namespace

template <typename Scalar>
Network<Scalar>::Network(std::vector<int> layer_sizes, Activation activation, Loss loss)
    : sizes_(std::move(layer_sizes)), activation_(activation), loss_(loss) {
  if (sizes_.size() < 2) throw std::invalid_argument("a network needs an input size and an output size");
  for (int size : sizes_) {
    if (size <= 0) throw std::invalid_argument("layer sizes must be positive, got " + std::to_string(size));
  }
  Eigen::Index offset = 0;
  for (std::size_t layer = 0; layer + 1 < sizes_.size(); ++layer) {
    LayerLayout layout{offset, 0, sizes_[layer], sizes_[layer + 1]};
    offset += round_up(Eigen::Index{layout.inputs} * layout.outputs);
    layout.bias_offset = offset;
    offset += round_up(layout.outputs);
    layouts_.push_back(layout);
  }
  parameters_ = Vector::Zero(offset);
}

template <typename Scalar>
void Network<Scalar>::initialize(WeightInit init, Random& random) {
  parameters_.setZero();
  for (int layer = 0; layer < layer_count(); ++layer) {
    auto w = weights(layer);
    const double limit = std::sqrt(6.0 / (layout(layer).inputs + layout(layer).outputs));
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      const double draw =
          init == WeightInit::xavier ? limit * (2 * random.uniform() - 1) : kRandomInitStddev * random.normal();
      w.data()[i] = static_cast<Scalar>(draw);
    }
  }
}

template <typename Scalar>
void Network<Scalar>::set_input_standardization(InputStandardization standardization) {
  if (!standardization.empty() && standardization.mean().size() != sizes_.front()) {
    throw std::invalid_argument("a standardisation of " + std::to_string(standardization.mean().size()) +
                                " inputs does not fit a network of " + std::to_string(sizes_.front()));
  }
  input_standardization_ = std::move(standardization);
}

template <typename Scalar>
Eigen::Map<typename Network<Scalar>::Matrix> Network<Scalar>::weights(int layer) {
  const LayerLayout& l = layout(layer);
  return {parameters_.data() + l.weights_offset, l.outputs, l.inputs};
}
template <typename Scalar>
Eigen::Map<const typename Network<Scalar>::Matrix> Network<Scalar>::weights(int layer) const {
  const LayerLayout& l = layout(layer);
  return {parameters_.data() + l.weights_offset, l.outputs, l.inputs};
}
template <typename Scalar>
Eigen::Map<typename Network<Scalar>::Vector> Network<Scalar>::bias(int layer) {
  return {parameters_.data() + layout(layer).bias_offset, layout(layer).outputs};
}
template <typename Scalar>
Eigen::Map<const typename Network<Scalar>::Vector> Network<Scalar>::bias(int layer) const {
  return {parameters_.data() + layout(layer).bias_offset, layout(layer).outputs};
}

template <typename Scalar>
double Network<Scalar>::squared_weight_norm() const {
  double sum = 0;
  for (int layer = 0; layer < layer_count(); ++layer) sum += weights(layer).template cast<double>().squaredNorm();
  return sum;
}

template <typename Scalar>
void Network<Scalar>::add_weight_decay(std::span<Scalar> gradients, Scalar weight_decay, std::size_t begin,
                                       std::size_t end) const {
  if (weight_decay == Scalar(0)) return;
  for (const LayerLayout& l : layouts_) {
    const auto first = std::max<std::size_t>(begin, static_cast<std::size_t>(l.weights_offset));
    const auto last = std::min<std::size_t>(
        end, static_cast<std::size_t>(l.weights_offset) + static_cast<std::size_t>(l.inputs) * l.outputs);
    for (std::size_t i = first; i < last; ++i) gradients[i] += weight_decay * parameters_[static_cast<Eigen::Index>(i)];
  }
}

template class Network<float>;
template class Network<double>;

}  // namespace sweep::trainer
