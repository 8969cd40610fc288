// MainEffects: first-order (fANOVA) main effects of a fitted GP's posterior mean, one per parameter of a
// search space, as fractions of the mean's total variance over the space. Pure computation: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "bayesopt/gaussian_process.h"
#include "bayesopt/search_space.h"

namespace report {

struct MainEffectOptions {
  int background_samples = 256;  // M: configurations the other parameters are averaged over
  int variance_samples = 4096;   // configurations the mean's total variance is taken over
  int grid_points = 32;          // values a numeric parameter is varied over (categoricals: every choice)
};

struct MainEffects {
  // One per parameter of the space, in its order; none for parameters that cannot vary (constants,
  // one choice, one valid value). Each is Var_{x_i}(E_{x_-i}[mean]) / Var(mean), clamped to [0, 1].
  std::vector<std::optional<double>> fractions;
  double total_variance = 0.0;  // Var(mean) over the variance samples, in the GP's target units
};

// The GP must be fitted on space.encode()d inputs. Deterministic for a seed.
MainEffects main_effects(const bayesopt::GaussianProcess& gp, const bayesopt::SearchSpace& space,
                         const MainEffectOptions& options, std::uint64_t seed);

}  // namespace report
