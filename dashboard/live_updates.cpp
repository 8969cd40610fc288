#include "dashboard/live_updates.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "orchestrator/spec/sweep_spec.h"
#include "report/report_json.h"
#include "report/report_model.h"
#include "results/interrupted.h"
#include "results/params.h"
#include "results/queries.h"

namespace dashboard {

namespace {

using nlohmann::json;

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

bool parse_known(std::string_view text, std::map<std::int64_t, std::int64_t>& known) {
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view entry = text.substr(0, comma);
    const auto colon = entry.find(':');
    std::int64_t id = 0, step = 0;
    if (colon == std::string_view::npos || !parse_number(entry.substr(0, colon), id) ||
        !parse_number(entry.substr(colon + 1), step))
      return false;
    known[id] = step;
    if (known.size() > kMaxKnownTrials) return false;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return true;
}

std::optional<orchestrator::SweepSpec> readable_spec(const results::SweepRecord& sweep) {
  try {
    return orchestrator::parse_sweep_spec(sweep.spec_text, "sweep '" + sweep.name + "' spec");
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<UpdatesRequest> parse_updates_query(const std::string& query) {
  UpdatesRequest request;
  bool has_since = false;
  std::string_view rest(query);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto equals = pair.find('=');
    const std::string_view key = pair.substr(0, equals);
    const std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    if (key == "since") {
      if (!parse_number(value, request.since) || !std::isfinite(request.since)) return std::nullopt;
      has_since = true;
    } else if (key == "known") {
      if (!parse_known(value, request.known)) return std::nullopt;
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  if (!has_since) return std::nullopt;
  return request;
}

LiveView::LiveView(const results::ResultStore& store, const results::SweepRecord& sweep,
                   const report::ReportOptions& options)
    : sweep_(sweep) {
  metric_ = options.metric.value_or(sweep.metric);
  results::RankingQuery query;
  query.metric = metric_;
  query.goal = options.goal;
  maximize_ = results::ranks_by_maximum(sweep, query);
  if (const auto spec = readable_spec(sweep)) {
    axes_ = report::TrialAxes::from_spec(*spec);
    axes_from_spec_ = true;
  } else {
    std::vector<json> configs;
    for (const auto& trial : store.trials(sweep.id)) configs.push_back(results::parse_params(trial.params_json));
    axes_ = report::TrialAxes::from_configs(configs);
  }
}

json LiveView::updates(const results::ResultStore& store, const UpdatesRequest& request) const {
  json out;
  out["cursor"] = store.last_activity(sweep_.id);
  std::string state = sweep_.state;
  for (auto sweep : store.sweeps()) {
    if (sweep.id != sweep_.id) continue;
    if (sweep.state == "running") results::show_interruption(store.path(), sweep, results::CoordinatorPresence::look());
    state = sweep.state;
  }
  out["sweep_state"] = state;

  // The latest attempt of each changed trial number (the query is ordered by number, then attempt).
  std::vector<results::TrialRecord> changed;
  for (auto& trial : store.trials_active_since(sweep_.id, request.since)) {
    if (!changed.empty() && changed.back().number == trial.number) {
      changed.back() = std::move(trial);
    } else {
      changed.push_back(std::move(trial));
    }
  }
  results::SweepRecord shown = sweep_;
  shown.state = state;
  json trials = json::array();
  json points = json::array();
  std::size_t point_count = 0;
  bool reload = false;
  for (auto& trial : changed) {
    results::show_interruption(shown, trial);
    const auto known = request.known.find(trial.id);
    const bool known_trial = known != request.known.end();
    const std::int64_t after = known_trial ? known->second : std::numeric_limits<std::int64_t>::min();
    std::vector<results::MetricPoint> fresh;
    if (!metric_.empty()) fresh = store.metric_points_after(trial.id, metric_, after);
    // A heartbeat alone changes nothing the page shows: a running trial it knows, with no new point.
    if (known_trial && fresh.empty() && trial.state == results::TrialState::Running) continue;

    results::TrialSummary summary{.trial = trial, .metrics = store.metric_summaries(trial.id)};
    const json config = results::parse_params(trial.params_json);
    std::vector<std::string> columns;
    for (const auto& [name, value] : results::flatten_params(config)) columns.push_back(name);
    const report::TrialRow row = report::trial_row(summary, trial.attempt, metric_, maximize_, columns);
    trials.push_back(report::trial_row_json(row, columns, axes_.values(config)));
    if (!known_trial && !axes_from_spec_) reload = true;

    if (fresh.empty()) continue;
    json series = json::array();
    for (const auto& point : fresh) {
      series.push_back(point.step);
      series.push_back(std::isfinite(point.value) ? json(point.value) : json(nullptr));
    }
    point_count += fresh.size();
    points.push_back({{"id", trial.id}, {"trial", trial.number}, {"points", std::move(series)}});
    if (point_count > kMaxUpdatePoints) {
      reload = true;  // far behind: one model read is cheaper than an unbounded reply
      trials = json::array();
      points = json::array();
      break;
    }
  }
  out["trials"] = std::move(trials);
  out["points"] = std::move(points);
  out["reload"] = reload;
  return out;
}

}  // namespace dashboard
