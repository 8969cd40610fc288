// bayesopt_bench: simple regret after 10/25/50 evaluations of the Bayesian optimiser and of random search,
// over many seeds, beside the peers' figures; then the time per suggestion at 25/100/500 observations.
// Usage: bayesopt_bench [--seeds N] [--budget N] [--functions branin,hartmann6,ackley5,mixed] [--json]
//                       [--batch K] [--no-timing]
// --batch K asks for K configurations at a time (K parallel workers), observing them all before the next.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "peer_figures.h"
#include "test_functions.h"

namespace {

using bench::TestFunction;

struct Options {
  int seeds = 15;
  int budget = 50;
  std::vector<std::string> functions{"branin", "hartmann6", "ackley5", "mixed"};
  int batch = 1;
  bool json = false;
  bool timing = true;
};

const std::vector<int> kCheckpoints{10, 25, 50};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--seeds") {
      options.seeds = std::stoi(value());
    } else if (arg == "--budget") {
      options.budget = std::stoi(value());
    } else if (arg == "--functions") {
      options.functions.clear();
      std::stringstream list(value());
      for (std::string name; std::getline(list, name, ',');) options.functions.push_back(name);
    } else if (arg == "--batch") {
      options.batch = std::stoi(value());
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--no-timing") {
      options.timing = false;
    } else {
      throw std::invalid_argument("unknown option " + arg +
                                  " (allowed: --seeds N --budget N --functions a,b --batch K --json --no-timing)");
    }
  }
  return options;
}

// Best-so-far regret after each evaluation.
using Trace = std::vector<double>;

Trace run_bayesopt(const TestFunction& f, int budget, int batch, std::uint64_t seed) {
  bayesopt::OptimizerOptions options;
  options.seed = seed;
  bayesopt::BayesianOptimizer optimizer(f.space, options);
  Trace trace;
  double best = std::numeric_limits<double>::infinity();
  while (static_cast<int>(trace.size()) < budget) {
    const int k = std::min(batch, budget - static_cast<int>(trace.size()));
    for (const bayesopt::Assignment& config : optimizer.suggest(k)) {
      const double value = f.evaluate(config);
      optimizer.observe(config, value);
      best = std::min(best, value - f.minimum);
      trace.push_back(best);
    }
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

struct Quartiles {
  double q1, median, q3;
};

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

double median(std::vector<double> v) { return quartiles(std::move(v)).median; }

std::string format(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

nlohmann::json summarise(const std::vector<Trace>& traces, int budget) {
  nlohmann::json out;
  for (int c : kCheckpoints) {
    if (c > budget) continue;
    std::vector<double> at;
    for (const Trace& t : traces) at.push_back(t[c - 1]);
    const Quartiles q = quartiles(at);
    out[std::to_string(c)] = {{"q1", q.q1}, {"median", q.median}, {"q3", q.q3}};
  }
  return out;
}

void print_function(const nlohmann::json& result) {
  std::printf("\n%s (%d-D encoded), %d seeds, %d evaluations in batches of %d: simple regret, median [q1, q3]\n",
              result["function"].get<std::string>().c_str(), result["dimensions"].get<int>(),
              result["seeds"].get<int>(), result["budget"].get<int>(), result["batch"].get<int>());
  std::printf("  %-16s %-28s %-28s %-28s\n", "method", "@10", "@25", "@50");
  for (const char* method : {"bayesopt", "random"}) {
    std::printf("  %-16s", method);
    for (int c : kCheckpoints) {
      const auto& s = result["methods"][method];
      if (!s.contains(std::to_string(c))) continue;
      const auto& q = s[std::to_string(c)];
      const std::string cell = format(q["median"].get<double>()) + " [" + format(q["q1"].get<double>()) + ", " +
                               format(q["q3"].get<double>()) + "]";
      std::printf(" %-28s", cell.c_str());
    }
    std::printf("\n");
  }
  for (const bench::PeerFigures& peer : bench::peer_figures(result["function"].get<std::string>())) {
    std::printf("  %-16s", (peer.method + "*").c_str());
    for (const auto& r : peer.regret) std::printf(" %-28s", r ? format(*r).c_str() : "-");
    std::printf("\n");
  }
}

nlohmann::json study(const TestFunction& f, const Options& options) {
  std::vector<Trace> ours;
  std::vector<Trace> random;
  for (int seed = 0; seed < options.seeds; ++seed) {
    std::cerr << "\r" << f.name << ": seed " << seed + 1 << "/" << options.seeds << std::flush;
    ours.push_back(run_bayesopt(f, options.budget, options.batch, static_cast<std::uint64_t>(seed)));
    random.push_back(run_random(f, options.budget, static_cast<std::uint64_t>(seed) + 1000));
  }
  std::cerr << "\n";
  nlohmann::json result{{"function", f.name},
                        {"dimensions", f.space.dimensions()},
                        {"batch", options.batch},
                        {"seeds", options.seeds},
                        {"budget", options.budget}};
  result["methods"]["bayesopt"] = summarise(ours, options.budget);
  result["methods"]["random"] = summarise(random, options.budget);
  for (const bench::PeerFigures& peer : bench::peer_figures(f.name)) {
    nlohmann::json figures;
    for (std::size_t i = 0; i < kCheckpoints.size(); ++i) {
      if (peer.regret[i]) figures[std::to_string(kCheckpoints[i])] = *peer.regret[i];
    }
    result["peers"][peer.method] = figures;
  }
  return result;
}

struct SuggestionTimes {
  double cold_ms;    // first suggestion of a fresh optimizer (full hyperparameter fit, no warm start)
  double median_ms;  // in a running loop: one more observation, then suggest (warm-started fit)
  double max_ms;
};

double elapsed_ms(const std::chrono::steady_clock::time_point& start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Wall time of suggest(1) with about `observations` random observations of Hartmann-6 (6-D).
SuggestionTimes suggestion_times(int observations) {
  const TestFunction f = bench::hartmann6();
  std::mt19937_64 rng(7);
  bayesopt::OptimizerOptions options;
  options.seed = 7;
  bayesopt::BayesianOptimizer optimizer(f.space, options);
  auto observe_random = [&] {
    const bayesopt::Assignment config = f.space.sample(rng);
    optimizer.observe(config, f.evaluate(config));
  };
  for (int i = 0; i < observations; ++i) observe_random();
  SuggestionTimes result{};
  auto start = std::chrono::steady_clock::now();
  optimizer.suggest(1);
  result.cold_ms = elapsed_ms(start);
  std::vector<double> times;
  for (int r = 0; r < 7; ++r) {
    observe_random();
    start = std::chrono::steady_clock::now();
    optimizer.suggest(1);
    times.push_back(elapsed_ms(start));
  }
  result.median_ms = median(times);
  result.max_ms = *std::max_element(times.begin(), times.end());
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "bayesopt_bench: " << e.what() << "\n";
    return 2;
  }
  nlohmann::json report{{"functions", nlohmann::json::array()}};
  for (const TestFunction& f : bench::all_test_functions()) {
    if (std::find(options.functions.begin(), options.functions.end(), f.name) == options.functions.end()) continue;
    nlohmann::json result = study(f, options);
    if (!options.json) print_function(result);
    report["functions"].push_back(std::move(result));
  }
  if (!options.json) {
    std::printf("\n* peers: medians over 15 seeds measured on this machine by the author of issue 3.\n");
  }
  if (options.timing) {
    if (!options.json) std::printf("\ntime per suggestion, Hartmann-6 (6-D), ms: median in a loop (max of 7) / cold start\n");
    for (int n : {25, 100, 500}) {
      std::cerr << "timing suggest at " << n << " observations\n";
      const SuggestionTimes t = suggestion_times(n);
      report["suggestion_ms"][std::to_string(n)] = {{"median", t.median_ms}, {"max", t.max_ms}, {"cold", t.cold_ms}};
      if (!options.json) {
        std::printf("  %3d observations: %s (%s) / %s\n", n, format(t.median_ms).c_str(), format(t.max_ms).c_str(),
                    format(t.cold_ms).c_str());
      }
    }
    if (!options.json) {
      std::printf("  peers: %s\n  (shared machine: timings are noisy; rerun on a quiet machine for final figures)\n",
                  bench::peer_suggestion_times());
    }
  }
  if (options.json) std::cout << report.dump(2) << "\n";
  return 0;
}
