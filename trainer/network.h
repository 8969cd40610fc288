// A fully connected network's architecture and parameters: an optional standardisation of its inputs, any
// number of hidden layers with one activation, a softmax output and a loss. All parameters live in one
// contiguous vector (each layer's weights, then its biases), so optimizers update them in one fused pass.
// The passes over batches are in backpropagation.h.
#pragma once

#include <Eigen/Core>
#include <array>
#include <span>
#include <vector>

#include "trainer/activation.h"
#include "trainer/choices.h"
#include "trainer/input_standardization.h"
#include "trainer/loss.h"
#include "trainer/random.h"

namespace sweep::trainer {

enum class WeightInit { random, xavier };

inline constexpr std::array<Choice<WeightInit>, 2> kWeightInits{{
    {"random", WeightInit::random},
    {"Xavier", WeightInit::xavier},
}};

// Standard deviation of the normal weights of WeightInit::random.
inline constexpr double kRandomInitStddev = 0.1;

// Where one layer's weights and biases sit in the flat parameter vector.
struct LayerLayout {
  Eigen::Index weights_offset;
  Eigen::Index bias_offset;
  int inputs;
  int outputs;
};

template <typename Scalar>
class Network {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  // layer_sizes: input size, hidden sizes..., class count (at least 2 entries, all positive).
  // Parameters start at zero; call initialize().
  Network(std::vector<int> layer_sizes, Activation activation, Loss loss);

  // Biases zero; weights Xavier (Glorot uniform, limit sqrt(6 / (fan_in + fan_out))) or random
  // (normal, mean 0, standard deviation kRandomInitStddev).
  void initialize(WeightInit init, Random& random);

  const std::vector<int>& layer_sizes() const { return sizes_; }
  int layer_count() const { return static_cast<int>(layouts_.size()); }
  const LayerLayout& layout(int layer) const { return layouts_[static_cast<std::size_t>(layer)]; }
  Activation activation() const { return activation_; }
  Loss loss() const { return loss_; }

  // What batches apply to the pixels before the first layer (gather_batch); empty by default.
  const InputStandardization& input_standardization() const { return input_standardization_; }
  // `standardization` is empty or has one entry per input.
  void set_input_standardization(InputStandardization standardization);

  // Layer `layer` maps sizes[layer] inputs to sizes[layer + 1] outputs: weights are outputs x inputs.
  Eigen::Map<Matrix> weights(int layer);
  Eigen::Map<const Matrix> weights(int layer) const;
  Eigen::Map<Vector> bias(int layer);
  Eigen::Map<const Vector> bias(int layer) const;

  std::span<Scalar> parameters() { return {parameters_.data(), static_cast<std::size_t>(parameters_.size())}; }
  std::span<const Scalar> parameters() const {
    return {parameters_.data(), static_cast<std::size_t>(parameters_.size())};
  }

  // Sum of the squared weights (not biases): what weight decay penalises.
  double squared_weight_norm() const;

  // gradients[begin, end) += weight_decay * weights, for the weights (not biases) in that range of the flat
  // layout: the gradient of weight_decay / 2 * squared_weight_norm().
  void add_weight_decay(std::span<Scalar> gradients, Scalar weight_decay, std::size_t begin, std::size_t end) const;

 private:
  std::vector<int> sizes_;
  Activation activation_;
  Loss loss_;
  InputStandardization input_standardization_;
  std::vector<LayerLayout> layouts_;
  Vector parameters_;
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace sweep::trainer
