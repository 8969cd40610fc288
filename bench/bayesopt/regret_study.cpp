#include "regret_study.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <random>
#include <string>

namespace bench {

Trace run_bayesopt(const TestFunction& f, int budget, int batch, bool asynchronous,
                   bayesopt::OptimizerOptions options, std::uint64_t seed) {
  options.seed = seed;
  bayesopt::BayesianOptimizer optimizer(f.space, std::move(options));
  Trace trace;
  double best = std::numeric_limits<double>::infinity();
  auto finish = [&](const bayesopt::Assignment& config) {
    const double value = f.evaluate(config);
    optimizer.observe(config, value);
    best = std::min(best, value - f.minimum);
    trace.push_back(best);
  };
  if (!asynchronous) {
    while (static_cast<int>(trace.size()) < budget) {
      for (const bayesopt::Assignment& config : optimizer.suggest(std::min(batch, budget - int(trace.size())))) {
        finish(config);
      }
    }
    return trace;
  }
  std::deque<bayesopt::Assignment> running;
  int started = 0;
  auto start = [&](int k) {
    const std::vector<bayesopt::Assignment> pending(running.begin(), running.end());
    for (const bayesopt::Assignment& config : optimizer.suggest(k, pending)) running.push_back(config);
    started += k;
  };
  start(std::min(batch, budget));
  while (!running.empty()) {
    finish(running.front());
    running.pop_front();
    if (started < budget) start(1);
  }
  return trace;
}

Trace run_random(const TestFunction& f, int budget, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Trace trace;
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < budget; ++i) {
    best = std::min(best, f.evaluate(f.space.sample(rng)) - f.minimum);
    trace.push_back(best);
  }
  return trace;
}

Quartiles quartiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double p) {
    const double pos = p * double(v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
  };
  return {at(0.25), at(0.5), at(0.75)};
}

nlohmann::json summarise(const std::vector<Trace>& traces, int budget) {
  nlohmann::json out = nlohmann::json::object();
  for (int c : kCheckpoints) {
    if (c > budget) continue;
    std::vector<double> at;
    for (const Trace& t : traces) at.push_back(t[c - 1]);
    const Quartiles q = quartiles(at);
    out[std::to_string(c)] = {{"q1", q.q1}, {"median", q.median}, {"q3", q.q3}};
  }
  return out;
}

}  // namespace bench
