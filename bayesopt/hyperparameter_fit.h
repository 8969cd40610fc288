// fit_hyperparameters: maximum a posteriori GP hyperparameters, by multi-start L-BFGS-B on the log
// marginal likelihood plus log prior. Starts: the previous fit (warm start), the prior, and the best
// of a few prior draws.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <random>

#include "bayesopt/gp_hyperparameters.h"

namespace bayesopt {

struct FitOptions {
  int random_starts = 2;     // local optimisations from prior draws (beyond warm start and prior mode)
  int screened_draws = 12;   // prior draws scored without gradients; the best become random starts
  int max_iterations = 60;   // per local optimisation
};

GpHyperparameters fit_hyperparameters(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& targets,
                                      const GpPriors& priors, const std::optional<GpHyperparameters>& warm_start,
                                      const FitOptions& options, std::mt19937_64& rng);

}  // namespace bayesopt
