// ParameterImportance: how much of the metric's variation each swept parameter explains. A GP is fitted
// to the trials and its posterior mean's first-order variance decomposition (fANOVA main effects) is taken.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bayesopt/search_space.h"
#include "report/charts.h"

namespace report {

struct ImportanceResult {
  std::vector<ImportanceBar> bars;  // one per non-constant parameter, largest first; fractions of the variance
  std::string not_computed;         // why there are no bars ("needs at least 4 finished trials"), else empty
  int trials = 0;                   // trials used: finite value, configuration inside the space
};

// `configs[i]` scored `values[i]`. Non-finite values and configurations outside the space are skipped.
// Deterministic for a seed. Throws std::invalid_argument if the two vectors differ in length.
//
// Method: configurations are encoded into the unit cube (SearchSpace::encode), values standardised as
// the optimizer does (TargetTransform), and a GP fitted with bayesopt's MAP hyperparameter fit. A
// parameter's importance is the variance over its values of the GP mean averaged over 256 spread-out
// configurations of the other parameters, divided by the mean's variance over 4096 such configurations
// (fANOVA main effect; categoricals vary as a group over their choices, numerics over 32 grid values).
// The fractions sum to at most about 1; the rest is interaction between parameters. Over 400 trials, a
// seeded random 400 are modelled.
ImportanceResult parameter_importance(const bayesopt::SearchSpace& space, const std::vector<bayesopt::Assignment>& configs,
                                      const std::vector<double>& values, std::uint64_t seed = 1);

}  // namespace report
