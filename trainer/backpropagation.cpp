#include "trainer/backpropagation.h"

namespace sweep::trainer {

template <typename Scalar>
Backpropagation<Scalar>::Backpropagation(const Network<Scalar>& network)
    : loss_(network.loss()),
      outputs_(static_cast<std::size_t>(network.layer_count())),
      deltas_(static_cast<std::size_t>(network.layer_count())),
      masks_(static_cast<std::size_t>(network.layer_count())),
      dropped_(static_cast<std::size_t>(network.layer_count())),
      gradients_(Vector::Zero(static_cast<Eigen::Index>(network.parameters().size()))) {}

template <typename Scalar>
const typename Backpropagation<Scalar>::Matrix& Backpropagation<Scalar>::layer_input(const Matrix& inputs,
                                                                                     int layer) const {
  if (layer < 0) return inputs;
  return dropped_out_ ? dropped_[layer] : outputs_[layer];
}

template <typename Scalar>
const typename Backpropagation<Scalar>::Matrix& Backpropagation<Scalar>::forward(const Network<Scalar>& network,
                                                                                 const Matrix& inputs,
                                                                                 const DropoutDraw& dropout) {
  const int layers = network.layer_count();
  dropped_out_ = dropout.rate > 0;
  for (int layer = 0; layer < layers; ++layer) {
    const Matrix& in = layer_input(inputs, layer - 1);
    Matrix& out = outputs_[layer];
    out.resize(network.layout(layer).outputs, inputs.cols());
    out.noalias() = network.weights(layer) * in;
    if (layer + 1 < layers) {
      add_bias_and_activate(network.activation(), network.bias(layer), out);
      if (dropped_out_) {
        draw_dropout_mask(dropout, layer, out.rows(), out.cols(), masks_[layer]);
        dropped_[layer] = out.cwiseProduct(masks_[layer]);
      }
    } else {
      out.colwise() += network.bias(layer);
      softmax_columns(out);
    }
  }
  return outputs_.back();
}

template <typename Scalar>
double Backpropagation<Scalar>::loss_sum(std::span<const std::uint8_t> labels) const {
  return trainer::loss_sum(loss_, outputs_.back(), labels);
}

template <typename Scalar>
void Backpropagation<Scalar>::backward(const Network<Scalar>& network, const Matrix& inputs,
                                       std::span<const std::uint8_t> labels, Eigen::Index batch_size) {
  loss_gradient(loss_, outputs_.back(), labels, static_cast<Scalar>(batch_size), deltas_.back());
  for (int layer = network.layer_count() - 1; layer >= 0; --layer) {
    const LayerLayout& layout = network.layout(layer);
    const Matrix& in = layer_input(inputs, layer - 1);
    const Matrix& delta = deltas_[layer];
    Eigen::Map<Matrix> weight_gradient(gradients_.data() + layout.weights_offset, layout.outputs, layout.inputs);
    weight_gradient.noalias() = delta * in.transpose();
    Eigen::Map<Vector>(gradients_.data() + layout.bias_offset, layout.outputs).noalias() = delta.rowwise().sum();
    if (layer > 0) {
      Matrix& below = deltas_[layer - 1];
      below.resize(layout.inputs, delta.cols());
      below.noalias() = network.weights(layer).transpose() * delta;
      if (dropped_out_) below.array() *= masks_[layer - 1].array();
      multiply_by_derivative(network.activation(), outputs_[layer - 1], below);
    }
  }
}

template <typename Scalar>
Eigen::Map<const typename Backpropagation<Scalar>::Matrix> Backpropagation<Scalar>::weight_gradient(
    const Network<Scalar>& network, int layer) const {
  const LayerLayout& layout = network.layout(layer);
  return {gradients_.data() + layout.weights_offset, layout.outputs, layout.inputs};
}

template <typename Scalar>
Eigen::Map<const typename Backpropagation<Scalar>::Vector> Backpropagation<Scalar>::bias_gradient(
    const Network<Scalar>& network, int layer) const {
  const LayerLayout& layout = network.layout(layer);
  return {gradients_.data() + layout.bias_offset, layout.outputs};
}

template class Backpropagation<float>;
template class Backpropagation<double>;

}  // namespace sweep::trainer
