#include "suggestion_timing.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "regret_study.h"
#include "test_functions.h"

namespace bench {
namespace {

constexpr int kWarmRepeats = 7;

double elapsed_ms(const std::chrono::steady_clock::time_point& start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

SuggestionTimes suggestion_times(int observations, int pending) {
  const TestFunction f = hartmann6();
  std::mt19937_64 rng(7);
  bayesopt::BayesianOptimizer optimizer(f.space, bayesopt::OptimizerOptions{.seed = 7});
  auto observe_random = [&] {
    const bayesopt::Assignment config = f.space.sample(rng);
    optimizer.observe(config, f.evaluate(config));
  };
  for (int i = 0; i < observations; ++i) observe_random();
  std::vector<bayesopt::Assignment> running;
  for (int i = 0; i < pending; ++i) running.push_back(f.space.sample(rng));
  SuggestionTimes result{};
  auto start = std::chrono::steady_clock::now();
  optimizer.suggest(1, running);
  result.cold_ms = elapsed_ms(start);
  std::vector<double> times;
  for (int r = 0; r < kWarmRepeats; ++r) {
    observe_random();
    start = std::chrono::steady_clock::now();
    optimizer.suggest(1, running);
    times.push_back(elapsed_ms(start));
  }
  result.median_ms = quartiles(times).median;
  result.max_ms = *std::max_element(times.begin(), times.end());
  return result;
}

}  // namespace bench
