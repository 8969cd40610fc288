#include "trainer/loss.h"

#include <cmath>
#include <limits>

namespace sweep::trainer {

template <typename Matrix>
double loss_sum(Loss loss, const Matrix& probabilities, std::span<const std::uint8_t> labels) {
  using Scalar = typename Matrix::Scalar;
  double sum = 0;
  for (Eigen::Index j = 0; j < probabilities.cols(); ++j) {
    const int label = labels[static_cast<std::size_t>(j)];
    if (loss == Loss::cross_entropy) {
      sum -= std::log(std::max(probabilities(label, j), std::numeric_limits<Scalar>::min()));
    } else {
      const double squares = probabilities.col(j).squaredNorm();
      const double p = probabilities(label, j);
      sum += squares - p * p + (p - 1) * (p - 1);
    }
  }
  return sum;
}

template <typename Matrix>
void loss_gradient(Loss loss, const Matrix& probabilities, std::span<const std::uint8_t> labels,
                   typename Matrix::Scalar batch_size, Matrix& delta) {
  using Scalar = typename Matrix::Scalar;
  const Eigen::Index count = probabilities.cols();
  const Scalar scale = Scalar(1) / batch_size;
  delta.resize(probabilities.rows(), count);
  if (loss == Loss::cross_entropy) {
    // d(-log softmax(z)[y])/dz = p - onehot(y)
    delta = probabilities * scale;
    for (Eigen::Index j = 0; j < count; ++j) delta(labels[static_cast<std::size_t>(j)], j) -= scale;
    return;
  }
  // g = dL/dp = 2 (p - onehot(y)); through the softmax Jacobian: dL/dz = p * (g - <p, g>).
  for (Eigen::Index j = 0; j < count; ++j) {
    auto p = probabilities.col(j);
    auto g = delta.col(j);
    g = Scalar(2) * p;
    g(labels[static_cast<std::size_t>(j)]) -= Scalar(2);
    const Scalar dot = p.dot(g);
    g.array() = scale * p.array() * (g.array() - dot);
  }
}

template <typename Matrix>
void softmax_columns(Matrix& logits) {
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    auto column = logits.col(j);
    column.array() = (column.array() - column.maxCoeff()).exp();
    column /= column.sum();
  }
}

#define SWEEP_INSTANTIATE_LOSS(Scalar)                                                                           \
  template double loss_sum(Loss, const Eigen::Matrix<Scalar, -1, -1>&, std::span<const std::uint8_t>);           \
  template void loss_gradient(Loss, const Eigen::Matrix<Scalar, -1, -1>&, std::span<const std::uint8_t>, Scalar, \
                              Eigen::Matrix<Scalar, -1, -1>&);                                                   \
  template void softmax_columns(Eigen::Matrix<Scalar, -1, -1>&);
SWEEP_INSTANTIATE_LOSS(float)
SWEEP_INSTANTIATE_LOSS(double)
#undef SWEEP_INSTANTIATE_LOSS

}  // namespace sweep::trainer
