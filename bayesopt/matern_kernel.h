// Matern52: the Matern 5/2 correlation as a function of the squared scaled distance r2 = sum_d (dx_d / l_d)^2.
// Twice differentiable, so sample paths are smooth enough for optimisation yet not unrealistically so.
#pragma once

#include <cmath>

namespace bayesopt {

struct Matern52 {
  static constexpr double kSqrt5 = 2.23606797749978969641;

  // k(r) = (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r)
  static double correlation(double r2) {
    const double r = std::sqrt(r2);
    return (1.0 + kSqrt5 * r + (5.0 / 3.0) * r2) * std::exp(-kSqrt5 * r);
  }

  // dk/d(r2) = -5/6 (1 + sqrt5 r) exp(-sqrt5 r): finite at r = 0, which keeps every gradient well defined.
  static double slope(double r2) {
    const double r = std::sqrt(r2);
    return -(5.0 / 6.0) * (1.0 + kSqrt5 * r) * std::exp(-kSqrt5 * r);
  }
};

}  // namespace bayesopt
