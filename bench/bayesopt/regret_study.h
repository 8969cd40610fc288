// Regret studies: runs of the Bayesian optimiser (one at a time or in batches, by acquisition and pending rule) and
// of random search on a test function, and the quartiles of their simple regret at fixed checkpoints.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "bayesopt/bayesian_optimizer.h"
#include "test_functions.h"

namespace bench {

// Best-so-far regret after each evaluation.
using Trace = std::vector<double>;

// Evaluations after which regret is reported.
inline const std::vector<int> kCheckpoints{10, 25, 50};

// batch: parallel workers. Synchronous: they start together (suggest(batch)) and all are observed before
// the next request. Asynchronous (as `sweep run` does): whenever the oldest finishes, one new
// configuration is asked for beside the batch - 1 still running.
// options: the optimizer's settings (acquisition, pending rule); its seed is replaced by `seed`.
Trace run_bayesopt(const TestFunction& f, int budget, int batch, bool asynchronous,
                   bayesopt::OptimizerOptions options, std::uint64_t seed);
Trace run_random(const TestFunction& f, int budget, std::uint64_t seed);

struct Quartiles {
  double q1, median, q3;
};
Quartiles quartiles(std::vector<double> v);

// {"10": {"q1", "median", "q3"}, ...} over the traces, for the checkpoints within budget.
nlohmann::json summarise(const std::vector<Trace>& traces, int budget);

}  // namespace bench
