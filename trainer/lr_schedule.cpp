#include "trainer/lr_schedule.h"

#include <cmath>
#include <numbers>

namespace sweep::trainer {

double learning_rate_factor(const LrSchedule& schedule, long step, long steps_per_epoch, int epochs) {
  const long total = steps_per_epoch * epochs;
  const long warmup = std::lround(schedule.warmup_epochs * static_cast<double>(steps_per_epoch));
  if (step < warmup) return static_cast<double>(step + 1) / static_cast<double>(warmup);
  switch (schedule.kind) {
    case LrScheduleKind::constant:
      return 1;
    case LrScheduleKind::cosine: {
      if (total <= warmup) return 1;  // the warm-up takes the whole run: nothing is left to decay over
      const double progress = static_cast<double>(step - warmup) / static_cast<double>(total - warmup);
      return (1 + std::cos(std::numbers::pi * progress)) / 2;
    }
    case LrScheduleKind::step:
      return std::pow(schedule.step_gamma, static_cast<double>(step / steps_per_epoch / schedule.step_epochs));
  }
  return 1;
}

}  // namespace sweep::trainer
