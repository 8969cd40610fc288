// The six update rules. Notation: w parameters, g gradient, t the step number (from 1), lr the step's learning rate
// (the settings' rate, or a schedule's: Optimizer::set_learning_rate); every state vector starts at zero. Updates run
// over the parameters in cache-sized chunks, all state of a chunk updated in one pass.
#pragma once

#include <Eigen/Core>
#include <span>

#include "trainer/optimizer.h"

namespace sweep::trainer {

// w <- w - lr g
class Sgd final : public Optimizer {
 public:
  explicit Sgd(const OptimizerSettings& settings) : Optimizer(settings.learning_rate) {}
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;
};

// The settings and state Momentum and Nesterov share: one velocity u per parameter.
class MomentumState : public Optimizer {
 public:
  MomentumState(const OptimizerSettings& settings, std::size_t parameter_count);

 protected:
  const float momentum_;
  Eigen::ArrayXf velocity_;
};

// u <- momentum u + lr g;  w <- w - u
class Momentum final : public MomentumState {
 public:
  using MomentumState::MomentumState;
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;
};

// Nesterov accelerated gradient. The textbook rule evaluates the gradient at the look-ahead point
// w - momentum u. We store the look-ahead point itself as the parameters (w' = w - momentum u), which turns
// the rule into one that needs only the gradient at the stored parameters:
//   u <- momentum u + lr g(w');  w' <- w' - (momentum u + lr g(w'))
class Nesterov final : public MomentumState {
 public:
  using MomentumState::MomentumState;
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;
};

// v <- beta v + (1 - beta) g^2;  w <- w - lr g / (sqrt(v) + epsilon)
class RmsProp final : public Optimizer {
 public:
  RmsProp(const OptimizerSettings& settings, std::size_t parameter_count);
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;

 private:
  const float beta_, epsilon_;
  Eigen::ArrayXf mean_square_;
};

// The scalars of step t of Adam and Nadam, in float: the decays, the step's learning rate and the bias
// corrections 1 / (1 - beta^t).
struct AdamStep {
  AdamStep() = default;
  AdamStep(const OptimizerSettings& settings, long t, float step_learning_rate);
  float beta1 = 0, beta2 = 0, learning_rate = 0, epsilon = 0, mean_correction = 1, square_correction = 1;
};

// The settings and state Adam and Nadam share: the moments m and v, and the step count t.
class AdamState : public Optimizer {
 public:
  AdamState(const OptimizerSettings& settings, std::size_t parameter_count);
  void begin_step() override { step_ = AdamStep(settings_, ++step_count_, learning_rate_); }

 protected:
  const OptimizerSettings settings_;
  long step_count_ = 0;
  AdamStep step_;
  Eigen::ArrayXf mean_, mean_square_;
};

// m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2
// m^ = m / (1 - beta1^t);  v^ = v / (1 - beta2^t);  w <- w - lr m^ / (sqrt(v^) + epsilon)
class Adam final : public AdamState {
 public:
  using AdamState::AdamState;
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;
};

// Adam with a Nesterov look-ahead on the first moment (Dozat 2016), m, v, m^, v^ as in Adam:
// w <- w - lr / (sqrt(v^) + epsilon) * (beta1 m^ + (1 - beta1) g / (1 - beta1^t))
class Nadam final : public AdamState {
 public:
  using AdamState::AdamState;
  void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) override;
};

}  // namespace sweep::trainer
