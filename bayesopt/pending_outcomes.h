// PendingOutcomes: joint draws of what the evaluations still running (a GP's fantasies) may return, so
// that an acquisition can be averaged over them: per draw, the standard normal scores and the incumbent.
#pragma once

#include <Eigen/Core>
#include <random>

#include "bayesopt/gaussian_process.h"

namespace bayesopt {

class PendingOutcomes {
 public:
  // draws: rounded up to an even count, taken in antithetic pairs (z, -z), so the draws' mean outcome is
  // exactly the GP's mean. incumbent: the best value believed reached by the finished evaluations.
  PendingOutcomes(const GaussianProcess& gp, double incumbent, int draws, std::mt19937_64& rng);

  int draws() const { return static_cast<int>(scores_.cols()); }
  // fantasies x draws: z of each draw (outcomes = gp.fantasy_targets() + gp.fantasy_factor() z).
  const Eigen::MatrixXd& scores() const { return scores_; }
  // Per draw: the incumbent once the pending evaluations return that draw's outcomes.
  const Eigen::VectorXd& incumbents() const { return incumbents_; }

 private:
  Eigen::MatrixXd scores_;
  Eigen::VectorXd incumbents_;
};

}  // namespace bayesopt
