#include "report/main_effects.h"

#include <algorithm>
#include <random>

#include "bayesopt/quasi_random.h"

namespace report {
namespace {

using bayesopt::Parameter;

// The parameter's width in the encoded unit cube: SearchSpace::encode's layout.
int encoded_width(const Parameter& p) {
  switch (p.kind) {
    case Parameter::Kind::Constant: return 0;
    case Parameter::Kind::Categorical: return static_cast<int>(p.choices.size());
    default: return 1;
  }
}

// One value of a parameter's block of coordinates in the main-effect integral, with its weight.
struct Level {
  Eigen::VectorXd coordinates;
  double weight;
};

// Categoricals: each one-hot choice, equally. Numerics: the midpoints of `grid_points` equal cells of the
// unit interval snapped to valid values, so an integer with 3 values is weighted by its share of the
// interval, as SearchSpace::sample draws it (and predicted once per value, not once per cell).
std::vector<Level> levels(const bayesopt::SearchSpace& space, const Eigen::VectorXd& any_point, const Parameter& p,
                          int offset, int grid_points) {
  std::vector<Level> out;
  const int width = encoded_width(p);
  if (p.kind == Parameter::Kind::Categorical) {
    for (int c = 0; c < width; ++c) out.push_back({Eigen::VectorXd::Unit(width, c), 1.0 / width});
    return out;
  }
  Eigen::VectorXd point = any_point;
  for (int k = 0; k < grid_points; ++k) {
    point[offset] = (k + 0.5) / grid_points;
    Eigen::VectorXd value = space.snap(point).segment(offset, width);
    // Snapping is monotone, so equal values are neighbours.
    if (!out.empty() && out.back().coordinates == value) {
      out.back().weight += 1.0 / grid_points;
    } else {
      out.push_back({std::move(value), 1.0 / grid_points});
    }
  }
  return out;
}

// n valid configurations (columns), distributed as SearchSpace::sample draws them, from a low-discrepancy
// sequence: the variance of the mean over them is far more precise than over independent draws (whose
// 7% error at n = 256 let the fractions sum to 1.1 in a test).
Eigen::MatrixXd spread_configurations(const bayesopt::SearchSpace& space, int n, std::mt19937_64& rng) {
  Eigen::MatrixXd points = bayesopt::shifted_kronecker(space.dimensions(), n, rng);
  for (int s = 0; s < n; ++s) points.col(s) = space.snap(points.col(s));
  return points;
}

double population_variance(const Eigen::VectorXd& v) { return (v.array() - v.mean()).square().mean(); }

double weighted_variance(const Eigen::VectorXd& v, const Eigen::VectorXd& weights) {
  const double mean = v.dot(weights);
  return (v.array() - mean).square().matrix().dot(weights);
}

}  // namespace

MainEffects main_effects(const bayesopt::GaussianProcess& gp, const bayesopt::SearchSpace& space,
                         const MainEffectOptions& options, std::uint64_t seed) {
  const int m = std::max(options.background_samples, 2);
  const int dimensions = space.dimensions();
  std::mt19937_64 rng(seed);
  // The first m points of a low-discrepancy sequence are themselves well spread.
  const Eigen::MatrixXd spread = spread_configurations(space, std::max(options.variance_samples, m), rng);
  const Eigen::MatrixXd background = spread.leftCols(m);

  MainEffects out;
  Eigen::VectorXd mean, variance;
  gp.predict(spread, mean, variance);
  out.total_variance = population_variance(mean);

  int offset = 0;
  for (const Parameter& p : space.parameters()) {
    const int width = encoded_width(p);
    std::optional<double> fraction;
    if (width > 0) {
      const std::vector<Level> grid = levels(space, background.col(0), p, offset, std::max(options.grid_points, 2));
      if (grid.size() > 1) {
        // All levels in one batch; the other parameters stay at the background samples.
        const Eigen::Index g = static_cast<Eigen::Index>(grid.size());
        Eigen::MatrixXd points(dimensions, g * m);
        Eigen::VectorXd weights(g);
        for (Eigen::Index level = 0; level < g; ++level) {
          auto block = points.middleCols(level * m, m);
          block = background;
          block.middleRows(offset, width) = grid[level].coordinates.replicate(1, m);
          weights[level] = grid[level].weight;
        }
        gp.predict(points, mean, variance);
        const Eigen::VectorXd partial = mean.reshaped(m, g).colwise().mean().transpose();
        const double effect = weighted_variance(partial, weights);
        fraction = out.total_variance > 0.0 ? std::clamp(effect / out.total_variance, 0.0, 1.0) : 0.0;
      }
    }
    out.fractions.push_back(fraction);
    offset += width;
  }
  return out;
}

}  // namespace report
