// What the query commands print: an aligned table (or a short report) for people, and JSON for
// scripts with --json. Each function reads the store, writes to out, and throws NotFoundError for
// a name that is not in the database.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "results/queries.h"
#include "results/result_store.h"

namespace orchestrator::cli {

struct BestQuery : results::RankingQuery {
  bool json = false;
};

void print_sweeps(std::ostream& out, const results::ResultStore& store, bool json);
void print_best(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep,
                const BestQuery& query);
void print_trials(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep, bool json);
void print_trial(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep, int number,
                 bool json);

}  // namespace orchestrator::cli
