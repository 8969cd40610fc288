#include "bayesopt/quasi_random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace bayesopt {
namespace {

double smallest_pairwise_distance(const Eigen::MatrixXd& points) {
  double smallest = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < points.cols(); ++i) {
    for (Eigen::Index j = i + 1; j < points.cols(); ++j) {
      smallest = std::min(smallest, (points.col(i) - points.col(j)).squaredNorm());
    }
  }
  return smallest;
}

Eigen::MatrixXd one_latin_hypercube(int dimensions, int n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::MatrixXd points(dimensions, n);
  std::vector<int> strata(n);
  for (int d = 0; d < dimensions; ++d) {
    std::iota(strata.begin(), strata.end(), 0);
    std::shuffle(strata.begin(), strata.end(), rng);
    for (int i = 0; i < n; ++i) points(d, i) = (strata[i] + uniform(rng)) / n;
  }
  return points;
}

// The unique positive root of x^(d+1) = x + 1 (the golden ratio for d = 1), by Newton's method.
double generalised_golden_ratio(int dimensions) {
  double x = 2.0;
  for (int i = 0; i < 50; ++i) {
    const double f = std::pow(x, dimensions + 1) - x - 1.0;
    const double df = (dimensions + 1) * std::pow(x, dimensions) - 1.0;
    x -= f / df;
  }
  return x;
}

}  // namespace

Eigen::MatrixXd latin_hypercube(int dimensions, int n, std::mt19937_64& rng, int tries) {
  Eigen::MatrixXd best = one_latin_hypercube(dimensions, n, rng);
  double best_spread = smallest_pairwise_distance(best);
  for (int t = 1; t < tries; ++t) {
    Eigen::MatrixXd candidate = one_latin_hypercube(dimensions, n, rng);
    const double spread = smallest_pairwise_distance(candidate);
    if (spread > best_spread) {
      best = std::move(candidate);
      best_spread = spread;
    }
  }
  return best;
}

Eigen::MatrixXd shifted_kronecker(int dimensions, int n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double phi = generalised_golden_ratio(dimensions);
  Eigen::VectorXd alpha(dimensions);
  Eigen::VectorXd shift(dimensions);
  for (int d = 0; d < dimensions; ++d) {
    alpha[d] = std::fmod(1.0 / std::pow(phi, d + 1), 1.0);
    shift[d] = uniform(rng);
  }
  Eigen::MatrixXd points(dimensions, n);
  for (int i = 0; i < n; ++i) {
    for (int d = 0; d < dimensions; ++d) points(d, i) = std::fmod(shift[d] + (i + 1) * alpha[d], 1.0);
  }
  return points;
}

}  // namespace bayesopt
