// fit_hyperparameters: maximum a posteriori GP hyperparameters, by multi-start L-BFGS-B on the log
// marginal likelihood plus log prior. Starts: the previous fit (warm start), the prior's mode, the best
// few of some prior draws, and any draw that already beats the warm start.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <random>

#include "bayesopt/gp_hyperparameters.h"

namespace bayesopt {

struct FitOptions {
  int random_starts = 2;        // local optimisations from the best prior draws
  int screened_draws = 12;      // prior draws scored without gradients
  int max_iterations = 60;      // per local optimisation
  bool from_prior_mode = true;  // also start at the prior's mode (always done without a warm start)
};

GpHyperparameters fit_hyperparameters(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& targets,
                                      const GpPriors& priors, const std::optional<GpHyperparameters>& warm_start,
                                      const FitOptions& options, std::mt19937_64& rng);

}  // namespace bayesopt
