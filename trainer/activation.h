// Hidden-layer activation functions, applied in place on a layer's pre-activations (fused with the bias
// add, one pass over memory), and their derivatives expressed through the activation's output.
#pragma once

#include <Eigen/Core>
#include <array>

#include "trainer/choices.h"

namespace sweep::trainer {

enum class Activation { identity, sigmoid, tanh, relu };

inline constexpr std::array<Choice<Activation>, 4> kActivations{{
    {"identity", Activation::identity},
    {"sigmoid", Activation::sigmoid},
    {"tanh", Activation::tanh},
    {"ReLU", Activation::relu},
}};

// z <- f(z + bias), bias broadcast over the columns (one column per example).
template <typename Matrix, typename Vector>
void add_bias_and_activate(Activation activation, const Vector& bias, Matrix& z) {
  using Scalar = typename Matrix::Scalar;
  switch (activation) {
    case Activation::identity:
      z.colwise() += bias;
      return;
    case Activation::sigmoid:
      z.array() = (z.colwise() + bias).array().logistic();
      return;
    case Activation::tanh:
      z.array() = (z.colwise() + bias).array().tanh();
      return;
    case Activation::relu:
      z.array() = (z.colwise() + bias).array().max(Scalar(0));
      return;
  }
}

// gradient <- gradient * f'(z), where `output` = f(z): every f here has a derivative cheaply written in
// terms of its output, so the pre-activations need not be kept.
template <typename Matrix>
void multiply_by_derivative(Activation activation, const Matrix& output, Matrix& gradient) {
  using Scalar = typename Matrix::Scalar;
  switch (activation) {
    case Activation::identity:
      return;
    case Activation::sigmoid:
      gradient.array() *= output.array() * (Scalar(1) - output.array());
      return;
    case Activation::tanh:
      gradient.array() *= Scalar(1) - output.array().square();
      return;
    case Activation::relu:
      gradient.array() = (output.array() > Scalar(0)).select(gradient.array(), Scalar(0));
      return;
  }
}

}  // namespace sweep::trainer
