#include "bayesopt/expected_improvement.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bayesopt {
namespace {

constexpr double kSqrt2 = std::numbers::sqrt2;
const double kLogSqrt2Pi = 0.5 * std::log(2.0 * std::numbers::pi);
// Beyond this t the asymptotic series is used; below it, exp(x^2) erfc(x) neither overflows nor underflows.
constexpr double kSeriesFrom = 36.0;
// Beyond this t, t^2 would overflow; the slope of log h is already -t there, so clamping is harmless.
constexpr double kLargestTail = 1e150;

double normal_cdf(double z) { return 0.5 * std::erfc(-z / kSqrt2); }
double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

// The lower tail, written through t = -z >= 1 as h(-t) = phi(t) q(t) with q(t) = 1 - t R(t), where
// R(t) = Phi(-t) / phi(t) is Mills' ratio. Returns q(t) and R(t) without cancellation.
struct Tail {
  double q;
  double mills;
};

Tail tail(double t) {
  if (t < kSeriesFrom) {
    const double mills = std::exp(0.5 * t * t) * std::erfc(t / kSqrt2) * std::sqrt(0.5 * std::numbers::pi);
    return {1.0 - t * mills, mills};
  }
  // q(t) = t^-2 - 3 t^-4 + 15 t^-6 - 105 t^-8 + 945 t^-10 - ...; at t >= 36 the next term is below 1e-15.
  const double u = 1.0 / (t * t);
  const double q = u * (1.0 - u * (3.0 - u * (15.0 - u * (105.0 - u * 945.0))));
  return {q, (1.0 - q) / t};
}

}  // namespace

double log_expected_improvement(double z) {
  if (z > -1.0) return std::log(z * normal_cdf(z) + normal_pdf(z));
  const double t = std::min(-z, kLargestTail);
  return -0.5 * t * t - kLogSqrt2Pi + std::log(tail(t).q);
}

double log_expected_improvement_slope(double z) {
  if (z > -1.0) return normal_cdf(z) / (z * normal_cdf(z) + normal_pdf(z));
  const double t = std::min(-z, kLargestTail);
  const Tail values = tail(t);
  return values.mills / values.q;
}

}  // namespace bayesopt
