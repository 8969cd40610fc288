// The optimizer interface and its settings: one step per mini-batch updates all parameters from their
// gradients. The six update rules are in optimizers.h.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <span>

#include "trainer/choices.h"

namespace sweep::trainer {

enum class OptimizerKind { sgd, momentum, nag, rmsprop, adam, nadam };

inline constexpr std::array<Choice<OptimizerKind>, 6> kOptimizers{{
    {"sgd", OptimizerKind::sgd},
    {"momentum", OptimizerKind::momentum},
    {"nag", OptimizerKind::nag},
    {"rmsprop", OptimizerKind::rmsprop},
    {"adam", OptimizerKind::adam},
    {"nadam", OptimizerKind::nadam},
}};

// Defaults are those of the DA6401 train.py.
struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::sgd;
  double learning_rate = 0.1;
  double momentum = 0.5;  // momentum, nag
  double beta = 0.5;      // rmsprop
  double beta1 = 0.5;     // adam, nadam
  double beta2 = 0.5;     // adam, nadam
  double epsilon = 1e-6;  // rmsprop, adam, nadam
};

// A step is begin_step() (advances the step count) then update() over all parameters, possibly as
// several disjoint ranges updated concurrently by different threads.
class Optimizer {
 public:
  explicit Optimizer(double learning_rate) : learning_rate_(static_cast<float>(learning_rate)) {}
  virtual ~Optimizer() = default;
  // The learning rate of the steps that follow (a schedule's, lr_schedule.h); call it before begin_step().
  void set_learning_rate(double learning_rate) { learning_rate_ = static_cast<float>(learning_rate); }
  virtual void begin_step() {}
  // parameters -= update(gradients) for the range starting at parameter `offset`.
  virtual void update(std::size_t offset, std::span<float> parameters, std::span<const float> gradients) = 0;

  void step(std::span<float> parameters, std::span<const float> gradients) {
    begin_step();
    update(0, parameters, gradients);
  }

 protected:
  float learning_rate_;
};

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, std::size_t parameter_count);

}  // namespace sweep::trainer
