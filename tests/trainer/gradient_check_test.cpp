#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "trainer/backpropagation.h"
#include "trainer/network.h"

namespace sweep::trainer {
namespace {

// The objective training minimises: mean data loss + weight_decay / 2 * squared weights, under the
// dropout masks of `dropout` (fixed, since they depend only on the draw's key).
double objective(const Network<double>& network, Backpropagation<double>& pass, const Network<double>::Matrix& inputs,
                 std::span<const std::uint8_t> labels, double weight_decay, const DropoutDraw& dropout) {
  pass.forward(network, inputs, dropout);
  return pass.loss_sum(labels) / static_cast<double>(inputs.cols()) +
         0.5 * weight_decay * network.squared_weight_norm();
}

// Central differences of the objective against backward() + add_weight_decay(), every parameter, for one
// activation and loss, with weight decay on, and dropout if `dropout` has a rate.
double worst_relative_error(Activation activation, Loss loss, const DropoutDraw& dropout = {}) {
  Network<double> network({5, 4, 3, 4}, activation, loss);
  Random random(11);
  network.initialize(WeightInit::xavier, random);
  // Non-zero biases so that every bias gradient is exercised away from zero.
  for (int layer = 0; layer < network.layer_count(); ++layer) {
    for (Eigen::Index i = 0; i < network.bias(layer).size(); ++i) network.bias(layer)(i) = 0.3 * random.normal();
  }
  Network<double>::Matrix inputs(5, 6);
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = random.uniform();
  const std::vector<std::uint8_t> labels{0, 1, 2, 3, 1, 2};
  const double weight_decay = 0.05;

  Backpropagation<double> pass(network);
  pass.forward(network, inputs, dropout);
  pass.backward(network, inputs, labels, inputs.cols());
  network.add_weight_decay(pass.gradients(), weight_decay, 0, pass.gradients().size());
  const std::vector<double> analytic(pass.gradients().begin(), pass.gradients().end());

  double worst = 0;
  const double step = 1e-6;
  const std::span<double> parameters = network.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const double saved = parameters[i];
    parameters[i] = saved + step;
    const double above = objective(network, pass, inputs, labels, weight_decay, dropout);
    parameters[i] = saved - step;
    const double below = objective(network, pass, inputs, labels, weight_decay, dropout);
    parameters[i] = saved;
    const double numeric = (above - below) / (2 * step);
    worst =
        std::max(worst, std::abs(numeric - analytic[i]) / std::max(1e-3, std::abs(numeric) + std::abs(analytic[i])));
  }
  return worst;
}

TEST_CASE("backward matches finite differences for every activation and loss, with weight decay") {
  for (const auto& activation : kActivations) {
    for (const auto& loss : kLosses) {
      CAPTURE(activation.name);
      CAPTURE(loss.name);
      CHECK(worst_relative_error(activation.value, loss.value) < 1e-6);
    }
  }
}

TEST_CASE("with dropout, backward matches finite differences under the same fixed masks") {
  for (const auto& activation : kActivations) {
    for (const auto& loss : kLosses) {
      CAPTURE(activation.name);
      CAPTURE(loss.name);
      CHECK(worst_relative_error(activation.value, loss.value, {.rate = 0.4, .key = 77}) < 1e-6);
    }
  }
}

TEST_CASE("dropout changes the training pass only: rate 0 and no draw give the same outputs") {
  Network<double> network({5, 8, 8, 10}, Activation::tanh, Loss::cross_entropy);
  Random random(4);
  network.initialize(WeightInit::xavier, random);
  const Network<double>::Matrix inputs = Network<double>::Matrix::Random(5, 7);
  Backpropagation<double> pass(network);
  const Network<double>::Matrix plain = pass.forward(network, inputs);
  CHECK(pass.forward(network, inputs, {.rate = 0, .key = 5}) == plain);
  CHECK(pass.forward(network, inputs, {.rate = 0.5, .key = 5}) != plain);
}

TEST_CASE("softmax output columns are probability distributions") {
  Network<float> network({3, 10}, Activation::identity, Loss::cross_entropy);
  Random random(3);
  network.initialize(WeightInit::random, random);
  Eigen::MatrixXf inputs = Eigen::MatrixXf::Random(3, 4) * 100.0f;  // large logits: needs the max shift
  Backpropagation<float> pass(network);
  const Eigen::MatrixXf& probabilities = pass.forward(network, inputs);
  for (Eigen::Index j = 0; j < probabilities.cols(); ++j) {
    CHECK(probabilities.col(j).sum() == doctest::Approx(1.0).epsilon(1e-5));
    CHECK(probabilities.col(j).minCoeff() >= 0.0f);
  }
}

TEST_CASE("a batch split into slices has the gradient of the whole batch") {
  Network<double> network({4, 3, 10}, Activation::sigmoid, Loss::cross_entropy);
  Random random(2);
  network.initialize(WeightInit::xavier, random);
  Network<double>::Matrix inputs = Network<double>::Matrix::Random(4, 5);
  const std::vector<std::uint8_t> labels{1, 7, 3, 3, 9};
  Backpropagation<double> whole(network), left(network), right(network);
  whole.forward(network, inputs);
  whole.backward(network, inputs, labels, 5);
  const Network<double>::Matrix left_inputs = inputs.leftCols(2), right_inputs = inputs.rightCols(3);
  left.forward(network, left_inputs);
  left.backward(network, left_inputs, std::span(labels).first(2), 5);
  right.forward(network, right_inputs);
  right.backward(network, right_inputs, std::span(labels).last(3), 5);
  for (std::size_t i = 0; i < whole.gradients().size(); ++i) {
    CHECK(left.gradients()[i] + right.gradients()[i] == doctest::Approx(whole.gradients()[i]).epsilon(1e-12));
  }
}

TEST_CASE("Xavier initial weights stay within the Glorot limit; biases start at zero") {
  Network<float> network({784, 128, 10}, Activation::relu, Loss::cross_entropy);
  Random random(5);
  network.initialize(WeightInit::xavier, random);
  const double limit = std::sqrt(6.0 / (784 + 128));
  CHECK(network.weights(0).cwiseAbs().maxCoeff() <= limit);
  CHECK(network.weights(0).cwiseAbs().maxCoeff() > 0.9 * limit);
  CHECK(network.bias(0).isZero());
}

}  // namespace
}  // namespace sweep::trainer
