// What the query commands print: an aligned table (or a short report) for people, and JSON for
// scripts with --json. Each function reads the store, writes to out, and throws NotFoundError for
// a name that is not in the database.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "results/result_store.h"

namespace orchestrator::cli {

struct BestQuery {
  std::string metric;
  std::optional<std::string> goal;  // maximize | minimize; default: the sweep's goal for its metric, else maximize
  int top = 1;
  bool json = false;
};

void print_sweeps(std::ostream& out, const results::ResultStore& store, bool json);
void print_best(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep,
                const BestQuery& query);
void print_trials(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep, bool json);
void print_trial(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep, int number,
                 bool json);

// The goal `best` ranks by (see BestQuery::goal).
bool ranks_by_maximum(const results::SweepRecord& sweep, const BestQuery& query);
// The query's top trials, best first; throws NotFoundError if the metric was never recorded or has no value.
std::vector<results::RankedTrial> rank_trials(const results::ResultStore& store, const results::SweepRecord& sweep,
                                              const BestQuery& query);

}  // namespace orchestrator::cli
