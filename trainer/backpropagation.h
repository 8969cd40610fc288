// Forward and backward passes of a Network over one batch (one example per column), with optional dropout
// of hidden units in training. Holds the workspace of a pass: each layer's outputs, the gradients with
// respect to its pre-activations, the dropout masks, and the parameter gradients in the network's flat
// layout. One per thread when threads split a batch between them.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "trainer/dropout.h"
#include "trainer/network.h"

namespace sweep::trainer {

template <typename Scalar>
class Backpropagation {
 public:
  using Matrix = typename Network<Scalar>::Matrix;
  using Vector = typename Network<Scalar>::Vector;

  explicit Backpropagation(const Network<Scalar>& network);

  // Forward pass on `inputs` (input size x examples); returns the class probabilities (classes x examples),
  // valid until the next forward(). `dropout` drops hidden units (training only); backward() then follows
  // the same masks.
  const Matrix& forward(const Network<Scalar>& network, const Matrix& inputs, const DropoutDraw& dropout = {});

  // Sum over the examples of the last forward() of the data loss.
  double loss_sum(std::span<const std::uint8_t> labels) const;

  // gradients() <- gradient of (sum of the data loss over the last forward()'s examples) / batch_size.
  // batch_size is the size of the whole batch when this pass covers only a slice of it. No weight decay:
  // see Network::add_weight_decay. `inputs` must be those of the last forward().
  void backward(const Network<Scalar>& network, const Matrix& inputs, std::span<const std::uint8_t> labels,
                Eigen::Index batch_size);

  std::span<Scalar> gradients() { return {gradients_.data(), static_cast<std::size_t>(gradients_.size())}; }
  std::span<const Scalar> gradients() const { return {gradients_.data(), static_cast<std::size_t>(gradients_.size())}; }
  Eigen::Map<const Matrix> weight_gradient(const Network<Scalar>& network, int layer) const;
  Eigen::Map<const Vector> bias_gradient(const Network<Scalar>& network, int layer) const;

 private:
  Loss loss_;
  // What layer `layer` + 1 reads: hidden layer `layer`'s activations, times its mask under dropout.
  const Matrix& layer_input(const Matrix& inputs, int layer) const;

  std::vector<Matrix> outputs_;  // outputs_[l]: layer l's activations; the last holds the probabilities
  std::vector<Matrix> deltas_;   // deltas_[l]: gradient w.r.t. layer l's pre-activations
  bool dropped_out_ = false;     // the last forward() used dropout
  std::vector<Matrix> masks_;    // masks_[l]: hidden layer l's dropout mask (0 or 1 / (1 - rate))
  std::vector<Matrix> dropped_;  // dropped_[l]: outputs_[l] times masks_[l]
  Vector gradients_;
};

extern template class Backpropagation<float>;
extern template class Backpropagation<double>;

}  // namespace sweep::trainer
