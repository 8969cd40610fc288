#include "orchestrator/spec/parameter_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace orchestrator::spec {
namespace {

using nlohmann::json;

constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53

// round(x / q) * q, without the 0.30000000000000004 tails that floating multiplication leaves.
double quantize(double x, double q) {
  const double snapped = std::round(x / q) * q;
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", snapped);
  return std::strtod(text, nullptr);
}

double uniform(std::mt19937_64& rng, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng);
}

double draw(const ParameterSpec& p, std::mt19937_64& rng) {
  switch (p.distribution) {
    case Distribution::Uniform:
    case Distribution::QUniform:
      return uniform(rng, p.min, p.max);
    case Distribution::LogUniform:
    case Distribution::QLogUniform:
      return std::exp(uniform(rng, p.min, p.max));  // bounds are natural logs
    case Distribution::LogUniformValues:
    case Distribution::QLogUniformValues:
    case Distribution::InvLogUniformValues:  // W&B draws exp(-U(-log max, -log min)): the same law
      return std::exp(uniform(rng, std::log(p.min), std::log(p.max)));
    case Distribution::Normal:
    case Distribution::QNormal:
      return std::normal_distribution<double>(p.mu, p.sigma)(rng);
    case Distribution::LogNormal:
      return std::exp(std::normal_distribution<double>(p.mu, p.sigma)(rng));
    default:
      return p.min;
  }
}

}  // namespace

std::optional<std::uint64_t> choice_count(const ParameterSpec& p) {
  switch (p.distribution) {
    case Distribution::Constant:
      return 1;
    case Distribution::Categorical:
      return p.values.size();
    case Distribution::IntUniform:
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(p.max) - static_cast<std::int64_t>(p.min)) + 1;
    case Distribution::QUniform: {
      const double steps = std::round(p.max / p.q) - std::round(p.min / p.q);
      if (!(steps < kLargestExactInteger)) return std::nullopt;
      return static_cast<std::uint64_t>(steps) + 1;
    }
    default:
      return std::nullopt;
  }
}

json choice(const ParameterSpec& p, std::uint64_t index) {
  switch (p.distribution) {
    case Distribution::Constant:
      return p.values.front();
    case Distribution::Categorical:
      return p.values.at(index);
    case Distribution::IntUniform:
      return static_cast<std::int64_t>(p.min) + static_cast<std::int64_t>(index);
    case Distribution::QUniform:
      return number_value(p, (std::round(p.min / p.q) + static_cast<double>(index)) * p.q);
    default:
      return number_value(p, p.min);
  }
}

json sample_value(const ParameterSpec& p, std::mt19937_64& rng) {
  switch (p.distribution) {
    case Distribution::Constant:
      return p.values.front();
    case Distribution::Categorical: {
      if (p.probabilities.empty()) {
        return p.values[std::uniform_int_distribution<std::size_t>(0, p.values.size() - 1)(rng)];
      }
      std::discrete_distribution<std::size_t> pick(p.probabilities.begin(), p.probabilities.end());
      return p.values[pick(rng)];
    }
    case Distribution::IntUniform:
      return std::uniform_int_distribution<std::int64_t>(static_cast<std::int64_t>(p.min),
                                                         static_cast<std::int64_t>(p.max))(rng);
    default:
      return number_value(p, draw(p, rng));
  }
}

json number_value(const ParameterSpec& p, double x) {
  if (is_quantized(p.distribution)) x = quantize(x, p.q);
  if (!p.integer) return x;
  const double clamped = std::clamp(std::round(x), -kLargestExactInteger, kLargestExactInteger);
  return static_cast<std::int64_t>(clamped);
}

}  // namespace orchestrator::spec
