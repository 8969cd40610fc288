// Learning-rate schedules: the factor by which a step's learning rate differs from the configured one, as a
// function of the step alone, so a run's rates repeat exactly. The default (constant, no warm-up) is train.py's.
#pragma once

#include <array>

#include "trainer/choices.h"

namespace sweep::trainer {

enum class LrScheduleKind { constant, cosine, step };

inline constexpr std::array<Choice<LrScheduleKind>, 3> kLrSchedules{{
    {"constant", LrScheduleKind::constant},
    {"cosine", LrScheduleKind::cosine},
    {"step", LrScheduleKind::step},
}};

// With W warm-up steps and T steps in all (epochs x batches per epoch), step s (from 0) has the factor
//   (s + 1) / W                                   while s < W, for every kind (a linear ramp), then
//   constant: 1
//   cosine:   (1 + cos(pi (s - W) / (T - W))) / 2  (from 1 down towards 0 at the end of the last epoch)
//   step:     gamma ^ floor(epoch / step_epochs)   (epoch = s / batches per epoch, from 0)
struct LrSchedule {
  LrScheduleKind kind = LrScheduleKind::constant;
  double warmup_epochs = 0;  // W = round(warmup_epochs x batches per epoch)
  int step_epochs = 1;       // step: epochs between decays (>= 1)
  double step_gamma = 0.1;   // step: factor of each decay, in (0, 1]
};

// The factor of step `step` (from 0) of a run of `epochs` epochs of `steps_per_epoch` steps each.
double learning_rate_factor(const LrSchedule& schedule, long step, long steps_per_epoch, int epochs);

}  // namespace sweep::trainer
