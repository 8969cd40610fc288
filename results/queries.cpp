#include "results/queries.h"

#include <algorithm>

#include "results/interrupted.h"

namespace results {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

}  // namespace

std::string describe_numbers(std::vector<int> numbers) {
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::string text;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    if (!text.empty()) text += ", ";
    text += std::to_string(numbers[i]);
    if (j > i) {
      text += '-';
      text += std::to_string(numbers[j]);
    }
    i = j + 1;
  }
  return text;
}

SweepRecord resolve_sweep(const ResultStore& store, const std::optional<std::string>& name) {
  const auto shown = [&](SweepRecord sweep) {
    if (sweep.state == "running") show_interruption(store.path(), sweep, CoordinatorPresence::look());
    return sweep;
  };
  if (!name) {
    if (auto latest = store.latest_sweep()) return shown(*latest);
    throw NotFoundError("no sweeps in " + store.path() + " yet (start one with `sweep run SPEC`)");
  }
  if (auto found = store.find_sweep(*name)) return shown(*found);
  std::vector<std::string> names;
  for (const auto& sweep : store.sweeps()) names.push_back(sweep.name);
  throw NotFoundError("no sweep named '" + *name + "' in " + store.path() +
                      (names.empty() ? std::string(", which has no sweeps yet") : "; sweeps: " + join(names)));
}

TrialRecord resolve_trial(const ResultStore& store, const SweepRecord& sweep, int number) {
  if (auto found = store.trial(sweep.id, number)) {
    show_interruption(sweep, *found);
    return *found;
  }
  std::vector<int> numbers;
  for (const auto& trial : store.trials(sweep.id)) numbers.push_back(trial.number);
  throw NotFoundError("sweep '" + sweep.name + "' has no trial " + std::to_string(number) +
                      (numbers.empty() ? std::string("; it has no trials yet")
                                       : "; its trials are " + describe_numbers(numbers)));
}

void require_metric(const ResultStore& store, const SweepRecord& sweep, const std::string& metric) {
  const std::vector<std::string> names = store.metric_names(sweep.id);
  if (std::find(names.begin(), names.end(), metric) != names.end()) return;
  throw NotFoundError("no trial of sweep '" + sweep.name + "' recorded metric '" + metric + "'" +
                      (names.empty() ? std::string("; no metrics are recorded yet")
                                     : "; recorded metrics: " + join(names)));
}

bool ranks_by_maximum(const SweepRecord& sweep, const RankingQuery& query) {
  if (query.goal) return *query.goal != "minimize";
  if (query.metric == sweep.metric) return sweep.goal != "minimize";
  return true;
}

std::vector<RankedTrial> rank_trials(const ResultStore& store, const SweepRecord& sweep, const RankingQuery& query) {
  require_metric(store, sweep, query.metric);
  auto ranked = store.best_trials(sweep.id, query.metric, ranks_by_maximum(sweep, query), query.top);
  if (ranked.empty()) {
    throw NotFoundError("no trial of sweep '" + sweep.name + "' has a value for '" + query.metric +
                        "' (every point was NaN)");
  }
  return ranked;
}

}  // namespace results
