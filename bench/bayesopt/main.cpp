// bayesopt_bench: simple regret after 10/25/50 evaluations of the Bayesian optimiser, one at a time and
// in batches (log EI with fantasies and with the kriging believer, and UCB), and of random search, over
// many seeds, beside the peers' figures; then the multi-fidelity study (regret against epochs spent on a
// learning-curve family, with hyperband); then the time per suggestion at 100/500/2,000 observations.
// Usage: bayesopt_bench [--seeds N] [--budget N] [--batches 1,2,4] [--async]
//                       [--functions branin,hartmann6,ackley5,ackley5_offcentre,mixed] [--json] [--no-timing]
//                       [--fidelity-seeds N] [--no-fidelity] [--rungs-at-end]
// A batch of K asks for K configurations at a time (K workers starting together), observing them all
// before the next request; with --async, K workers each ask for a new one as soon as theirs finishes.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "learning_curves.h"
#include "peer_figures.h"
#include "regret_study.h"
#include "suggestion_timing.h"
#include "test_functions.h"

namespace {

using bench::TestFunction;
using bench::Trace;
using PendingRule = bayesopt::OptimizerOptions::PendingRule;

struct Options {
  int seeds = 15;
  int budget = 50;
  std::vector<std::string> functions{"branin", "hartmann6", "ackley5", "ackley5_offcentre", "mixed"};
  std::vector<int> batches{1, 2, 4};
  bool asynchronous = false;
  bool json = false;
  bool timing = true;
  bool fidelity = true;
  bool help = false;
  bench::FidelityStudyOptions fidelity_study;
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) out.push_back(item);
  return out;
}

int positive(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1) throw std::invalid_argument(option + ": \"" + text + "\" is not a positive integer");
  return value;
}

constexpr const char* kUsage =
    "usage: bayesopt_bench [--seeds N] [--budget N] [--batches 1,2,4] [--async] [--functions a,b] [--json]\n"
    "                      [--no-timing] [--fidelity-seeds N] [--no-fidelity] [--rungs-at-end]\n"
    "Median simple regret @10/@25/@50 of the Bayesian optimizer (sequential and in batches) on test functions,\n"
    "beside random search and the peers' figures; a multi-fidelity study on learning curves; suggestion time\n"
    "at 100, 500 and 2,000 observations. Defaults: 15 seeds, 50 evaluations, batches 1,2,4, every function.\n"
    "--rungs-at-end: the multi-fidelity policy hears a trial's rungs only when it ends, not while it runs.\n";

Options parse(int argc, char** argv) {
  Options options;
  std::vector<std::string> known;
  for (const TestFunction& f : bench::all_test_functions()) known.push_back(f.name);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--seeds") {
      options.seeds = positive(arg, value());
    } else if (arg == "--budget") {
      options.budget = positive(arg, value());
    } else if (arg == "--functions") {
      options.functions = split(value());
      for (const std::string& name : options.functions) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
          std::string allowed;
          for (const std::string& k : known) allowed += (allowed.empty() ? "" : ", ") + k;
          throw std::invalid_argument("--functions: unknown function \"" + name + "\" (allowed: " + allowed + ")");
        }
      }
    } else if (arg == "--batches") {
      options.batches.clear();
      for (const std::string& b : split(value())) options.batches.push_back(positive(arg, b));
    } else if (arg == "--async") {
      options.asynchronous = true;
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--no-timing") {
      options.timing = false;
    } else if (arg == "--fidelity-seeds") {
      options.fidelity_study.seeds = positive(arg, value());
    } else if (arg == "--rungs-at-end") {
      options.fidelity_study.running_rungs = false;
    } else if (arg == "--no-fidelity") {
      options.fidelity = false;
    } else {
      throw std::invalid_argument("unknown option " + arg + "\n" + kUsage);
    }
  }
  return options;
}

std::string format(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

// One line of results: how the optimiser was run.
struct Method {
  std::string key;    // in the JSON
  std::string label;  // in the tables
  int batch;
  std::string acquisition;
  PendingRule rule;

  bayesopt::OptimizerOptions optimizer_options() const {
    return {.acquisition = bayesopt::make_acquisition(acquisition), .pending_rule = rule};
  }
};

// The default (log EI; in batches, fantasies: greedy q-EI) and its kriging believer, beside UCB (in
// batches GP-BUCB), one at a time and in batches.
std::vector<Method> methods(const Options& options) {
  std::vector<Method> out;
  const std::string kind = options.asynchronous ? "async " : "batch ";
  for (int b : options.batches) {
    if (b == 1) {
      out.push_back({"sequential", "sequential", 1, "log_ei", PendingRule::Fantasies});
      out.push_back({"sequential_ucb", "seq., UCB", 1, "ucb", PendingRule::Fantasies});
    } else {
      const std::string n = std::to_string(b);
      out.push_back({"batch" + n + "_fantasies", kind + n + ", fantasies", b, "log_ei", PendingRule::Fantasies});
      out.push_back({"batch" + n + "_believer", kind + n + ", believer", b, "log_ei", PendingRule::KrigingBeliever});
      out.push_back({"batch" + n + "_ucb", kind + n + ", UCB", b, "ucb", PendingRule::Fantasies});
    }
  }
  return out;
}

nlohmann::json study(const TestFunction& f, const Options& options) {
  nlohmann::json result{{"function", f.name},
                        {"dimensions", f.space.dimensions()},
                        {"seeds", options.seeds},
                        {"budget", options.budget},
                        {"asynchronous", options.asynchronous}};
  for (const Method& m : methods(options)) {
    std::vector<Trace> traces;
    for (int seed = 0; seed < options.seeds; ++seed) {
      std::cerr << "\r" << f.name << ", " << m.label << ": seed " << seed + 1 << "/" << options.seeds << "   " << std::flush;
      traces.push_back(bench::run_bayesopt(f, options.budget, m.batch, options.asynchronous, m.optimizer_options(),
                                           static_cast<std::uint64_t>(seed)));
    }
    result["methods"][m.key] = bench::summarise(traces, options.budget);
  }
  std::vector<Trace> random;
  for (int seed = 0; seed < options.seeds; ++seed) {
    random.push_back(bench::run_random(f, options.budget, static_cast<std::uint64_t>(seed) + 1000));
  }
  result["methods"]["random"] = bench::summarise(random, options.budget);
  std::cerr << "\n";
  for (const bench::PeerFigures& peer : bench::peer_figures(f.name)) {
    nlohmann::json figures = nlohmann::json::object();
    for (std::size_t i = 0; i < bench::kCheckpoints.size(); ++i) {
      if (peer.regret[i]) figures[std::to_string(bench::kCheckpoints[i])] = *peer.regret[i];
    }
    result["peers"][peer.method] = figures;
  }
  return result;
}

std::string cell(const nlohmann::json& summary, int checkpoint) {
  const std::string key = std::to_string(checkpoint);
  if (!summary.contains(key)) return "-";
  const auto& q = summary[key];
  return format(q["median"].get<double>()) + " [" + format(q["q1"].get<double>()) + ", " + format(q["q3"].get<double>()) + "]";
}

void print_function(const nlohmann::json& result, const Options& options) {
  std::printf("\n%s (%d-D encoded), %d seeds, %d evaluations%s: simple regret, median [q1, q3]\n",
              result["function"].get<std::string>().c_str(), result["dimensions"].get<int>(),
              result["seeds"].get<int>(), result["budget"].get<int>(),
              options.asynchronous ? ", asynchronous workers" : "");
  std::printf("  %-22s %-28s %-28s %-28s\n", "method", "@10", "@25", "@50");
  std::vector<std::pair<std::string, std::string>> rows;
  for (const Method& m : methods(options)) rows.emplace_back(m.key, m.label);
  rows.emplace_back("random", "random");
  for (const auto& [key, label] : rows) {
    std::printf("  %-22s", label.c_str());
    for (int c : bench::kCheckpoints) std::printf(" %-28s", cell(result["methods"][key], c).c_str());
    std::printf("\n");
  }
  for (const bench::PeerFigures& peer : bench::peer_figures(result["function"].get<std::string>())) {
    std::printf("  %-22s", (peer.method + "*").c_str());
    for (const auto& r : peer.regret) std::printf(" %-28s", r ? format(*r).c_str() : "-");
    std::printf("\n");
  }
}

// The batch comparison in one table: median regret at the last checkpoint, per function and method.
void print_summary(const nlohmann::json& report, const Options& options) {
  const int last = *std::find_if(bench::kCheckpoints.rbegin(), bench::kCheckpoints.rend(),
                                 [&](int c) { return c <= options.budget; });
  std::printf("\nmedian simple regret @%d over %d seeds%s\n  %-18s", last, options.seeds,
              options.asynchronous ? ", asynchronous workers" : "", "function");
  const std::vector<Method> all = methods(options);
  for (const Method& m : all) std::printf(" %-18s", m.label.c_str());
  std::printf(" %s\n", "limbo* (sequential)");
  for (const auto& result : report["functions"]) {
    std::printf("  %-18s", result["function"].get<std::string>().c_str());
    for (const Method& m : all) {
      const auto& s = result["methods"][m.key];
      const std::string key = std::to_string(last);
      std::printf(" %-18s", s.contains(key) ? format(s[key]["median"].get<double>()).c_str() : "-");
    }
    const auto peers = result.value("peers", nlohmann::json::object());
    const bool limbo = peers.contains("limbo") && peers["limbo"].contains(std::to_string(last));
    std::printf(" %s\n", limbo ? format(peers["limbo"][std::to_string(last)].get<double>()).c_str() : "-");
  }
}

void print_fidelity(const nlohmann::json& study) {
  std::printf("\nmulti-fidelity: learning curves of %d epochs (Hartmann-3 at full length, slow learners best), %d workers,\n"
              "hyperband min_iter 3, eta 3; %d seeds; (b) hears running trials' rungs %s;\n"
              "regret of the best full-length trial, median [q1, q3], by epochs spent\n",
              study["full_epochs"].get<int>(), study["workers"].get<int>(), study["seeds"].get<int>(),
              study["running_rungs"].get<bool>() ? "as they pass them" : "only when they end (--rungs-at-end)");
  std::printf("  %-38s", "policy");
  for (int c : study["checkpoints"]) {
    std::string heading = "@";  // appended: GCC 12 warns falsely (-Wrestrict) on "@" + std::to_string(c)
    heading += std::to_string(c);
    heading += " epochs";
    std::printf(" %-28s", heading.c_str());
  }
  std::printf(" %s\n", "trials (stopped), median");
  for (bench::FidelityPolicy policy : bench::kFidelityPolicies) {
    const auto& s = study["policies"][bench::policy_key(policy)];
    std::printf("  %-38s", s["label"].get<std::string>().c_str());
    for (int c : study["checkpoints"]) std::printf(" %-28s", cell(s, c).c_str());
    std::printf(" %s (%s)\n", format(s["trials"].get<double>()).c_str(), format(s["stopped"].get<double>()).c_str());
  }
}

void time_suggestions(nlohmann::json& report, bool print) {
  if (print) std::printf("\ntime per suggestion, Hartmann-6 (6-D), ms: median in a loop (max of 7) / cold start\n");
  for (int pending : {0, 3}) {
    for (int n : {100, 500, 2000}) {
      std::cerr << "timing suggest at " << n << " observations, " << pending << " pending\n";
      const bench::SuggestionTimes t = bench::suggestion_times(n, pending);
      report["suggestion_ms"][std::to_string(pending) + "_pending"][std::to_string(n)] = {
          {"median", t.median_ms}, {"max", t.max_ms}, {"cold", t.cold_ms}};
      if (print) {
        std::printf("  %4d observations, %d pending: %s (%s) / %s\n", n, pending, format(t.median_ms).c_str(),
                    format(t.max_ms).c_str(), format(t.cold_ms).c_str());
      }
    }
  }
  if (print) {
    std::printf("  peers: %s\n  (shared machine: timings are noisy; rerun on a quiet machine for final figures)\n",
                bench::peer_suggestion_times());
  }
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
  if (options.help) {
    std::cout << kUsage;
    return 0;
  }
  nlohmann::json report{{"functions", nlohmann::json::array()}};
  for (const TestFunction& f : bench::all_test_functions()) {
    if (std::find(options.functions.begin(), options.functions.end(), f.name) == options.functions.end()) continue;
    nlohmann::json result = study(f, options);
    if (!options.json) print_function(result, options);
    report["functions"].push_back(std::move(result));
  }
  if (!options.json) {
    print_summary(report, options);
    std::printf("\n* peers: medians over 15 seeds, one at a time, measured on this machine for issues 3 and 14.\n");
  }
  if (options.fidelity) {
    report["multi_fidelity"] = bench::fidelity_study(options.fidelity_study);
    if (!options.json) print_fidelity(report["multi_fidelity"]);
  }
  if (options.timing) time_suggestions(report, !options.json);
  if (options.json) std::cout << report.dump(2) << "\n";
  return 0;
}
