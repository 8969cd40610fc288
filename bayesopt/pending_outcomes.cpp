#include "bayesopt/pending_outcomes.h"

#include <algorithm>

namespace bayesopt {

PendingOutcomes::PendingOutcomes(const GaussianProcess& gp, double incumbent, int draws, std::mt19937_64& rng) {
  const int pairs = std::max(1, (draws + 1) / 2);
  const Eigen::Index m = gp.fantasies();
  std::normal_distribution<double> normal(0.0, 1.0);
  scores_.resize(m, 2 * pairs);
  for (int s = 0; s < pairs; ++s) {
    for (Eigen::Index j = 0; j < m; ++j) scores_(j, s) = normal(rng);
  }
  scores_.rightCols(pairs) = -scores_.leftCols(pairs);
  const Eigen::MatrixXd outcomes = (gp.fantasy_factor().triangularView<Eigen::Lower>() * scores_).colwise() +
                                   gp.fantasy_targets();
  incumbents_.resize(2 * pairs);
  for (Eigen::Index s = 0; s < incumbents_.size(); ++s) {
    incumbents_[s] = m > 0 ? std::min(incumbent, outcomes.col(s).minCoeff()) : incumbent;
  }
}

}  // namespace bayesopt
