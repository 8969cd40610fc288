#include "bayesopt/acquisition_optimizer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bayesopt/box_minimizer.h"
#include "bayesopt/quasi_random.h"

namespace bayesopt {
namespace {

// Perturbs a random subset of coordinates (about three, all in low dimension) of an anchor, at a
// log-uniform scale between fine polishing and a broad local move: a cheap trust region.
Eigen::MatrixXd local_candidates(const std::vector<Eigen::VectorXd>& anchors, int count, std::mt19937_64& rng) {
  const Eigen::Index d = anchors.front().size();
  Eigen::MatrixXd points(d, count);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<Eigen::Index> any_dimension(0, d - 1);
  const double perturb_probability = std::min(1.0, 3.0 / double(d));
  for (int i = 0; i < count; ++i) {
    // Half the candidates go to the incumbent, the rest spread evenly over the other anchors.
    const std::size_t anchor = (i < count / 2 || anchors.size() == 1) ? 0 : 1 + i % (anchors.size() - 1);
    const double scale = std::exp(std::log(0.005) + uniform(rng) * std::log(0.3 / 0.005));
    Eigen::VectorXd x = anchors[anchor];
    bool moved = false;
    for (Eigen::Index j = 0; j < d; ++j) {
      if (uniform(rng) < perturb_probability) {
        x[j] += scale * normal(rng);
        moved = true;
      }
    }
    if (!moved) x[any_dimension(rng)] += scale * normal(rng);
    points.col(i) = x.cwiseMax(0.0).cwiseMin(1.0);
  }
  return points;
}

std::vector<RankedPoint> ranked(const Eigen::MatrixXd& points, const Eigen::VectorXd& scores) {
  std::vector<RankedPoint> out;
  out.reserve(points.cols());
  for (Eigen::Index i = 0; i < points.cols(); ++i) out.push_back({points.col(i), scores[i]});
  std::stable_sort(out.begin(), out.end(), [](const RankedPoint& a, const RankedPoint& b) { return a.score > b.score; });
  return out;
}

}  // namespace

std::vector<RankedPoint> rank_candidates(const AcquisitionLandscape& landscape, const SearchSpace& space,
                                         const std::vector<Eigen::VectorXd>& anchors,
                                         const AcquisitionSearchOptions& options, std::mt19937_64& rng) {
  const int d = space.dimensions();
  const int local = anchors.empty() ? 0 : options.local_candidates;
  Eigen::MatrixXd candidates(d, options.global_candidates + local);
  candidates.leftCols(options.global_candidates) = shifted_kronecker(d, options.global_candidates, rng);
  if (local > 0) candidates.rightCols(local) = local_candidates(anchors, local, rng);
  for (Eigen::Index i = 0; i < candidates.cols(); ++i) candidates.col(i) = space.snap(candidates.col(i));
  std::vector<RankedPoint> points = ranked(candidates, landscape.scores(candidates));

  // Polish the best few in the continuous relaxation, then snap back to valid configurations.
  const SmoothObjective negative = [&landscape](const Eigen::VectorXd& x, Eigen::VectorXd& gradient) {
    const double value = -landscape.score(x, gradient);
    gradient = -gradient;
    return value;
  };
  const Eigen::VectorXd lower = Eigen::VectorXd::Zero(d);
  const Eigen::VectorXd upper = Eigen::VectorXd::Ones(d);
  const int polished = std::min<int>(options.polished, static_cast<int>(points.size()));
  Eigen::MatrixXd refined(d, polished);
  for (int i = 0; i < polished; ++i) {
    const BoxMinimum found = minimize_in_box(negative, points[i].point, lower, upper, options.polish_iterations);
    refined.col(i) = space.snap(found.x);
  }
  if (polished > 0) {
    std::vector<RankedPoint> better = ranked(refined, landscape.scores(refined));
    points.insert(points.end(), better.begin(), better.end());
    std::stable_sort(points.begin(), points.end(),
                     [](const RankedPoint& a, const RankedPoint& b) { return a.score > b.score; });
  }
  return points;
}

}  // namespace bayesopt
