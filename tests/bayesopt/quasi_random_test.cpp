#include <doctest/doctest.h>

#include <vector>

#include "bayesopt/quasi_random.h"

TEST_CASE("latin hypercube: exactly one point per stratum in every dimension") {
  std::mt19937_64 rng(3);
  const int n = 9;
  const Eigen::MatrixXd points = bayesopt::latin_hypercube(4, n, rng);
  for (Eigen::Index d = 0; d < points.rows(); ++d) {
    std::vector<int> per_stratum(n, 0);
    for (Eigen::Index i = 0; i < n; ++i) ++per_stratum[static_cast<int>(points(d, i) * n)];
    for (int count : per_stratum) CHECK(count == 1);
  }
}

TEST_CASE("shifted Kronecker sequence fills the cube evenly") {
  std::mt19937_64 rng(4);
  const Eigen::MatrixXd points = bayesopt::shifted_kronecker(2, 1024, rng);
  CHECK(points.minCoeff() >= 0.0);
  CHECK(points.maxCoeff() < 1.0);
  int cells[4][4] = {};
  for (Eigen::Index i = 0; i < points.cols(); ++i) ++cells[int(points(0, i) * 4)][int(points(1, i) * 4)];
  for (auto& row : cells) {
    for (int count : row) CHECK(std::abs(count - 64) <= 6);  // low discrepancy: far tighter than random
  }
}
