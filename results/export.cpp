#include "results/export.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "results/params.h"
#include "results/text_format.h"

namespace results {

namespace {

nlohmann::json number_or_null(double value) { return std::isnan(value) ? nlohmann::json() : nlohmann::json(value); }

bool maximizes(const SweepRecord& sweep) { return sweep.goal != "minimize"; }

double duration_of(const TrialRecord& trial) {
  return trial.ended_at ? *trial.ended_at - trial.started_at : std::nan("");
}

// The sweep metric's best for this trial, NaN when the sweep has no metric or the trial never reported it.
double best_of(const SweepRecord& sweep, const TrialSummary& trial) {
  const MetricSummary* metric = sweep.metric.empty() ? nullptr : trial.metric(sweep.metric);
  return metric != nullptr ? metric->best(maximizes(sweep)) : std::nan("");
}

const SummaryValues& summary_of(const SummariesByTrial& summaries, std::int64_t trial_id) {
  static const SummaryValues kNone;
  const auto found = summaries.find(trial_id);
  return found == summaries.end() ? kNone : found->second;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out << (i == 0 ? "" : ",") << csv_field(fields[i]);
  }
  out << "\n";
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

SummariesByTrial read_summaries(const ResultStore& store, const std::vector<TrialSummary>& trials) {
  SummariesByTrial summaries;
  for (const TrialSummary& trial : trials) {
    SummaryValues values = store.summary(trial.trial.id);
    if (!values.empty()) summaries.emplace(trial.trial.id, std::move(values));
  }
  return summaries;
}

nlohmann::json summary_json(const SummaryValues& summary) {
  nlohmann::json object = nlohmann::json::object();
  // The store only keeps valid JSON; a value that still fails to parse is shown as its text.
  for (const auto& [key, text] : summary) {
    nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    object[key] = value.is_discarded() ? nlohmann::json(text) : std::move(value);
  }
  return object;
}

nlohmann::json sweep_json(const SweepRecord& sweep) {
  return {{"name", sweep.name},
          {"method", sweep.method},
          {"metric", sweep.metric},
          {"goal", sweep.goal},
          {"state", sweep.state},
          {"spec_hash", sweep.spec_hash},
          {"created_at", format_utc(sweep.created_at)},
          {"updated_at", format_utc(sweep.updated_at)}};
}

nlohmann::json trial_json(const SweepRecord& sweep, const TrialSummary& summary, const SummaryValues& values) {
  const TrialRecord& trial = summary.trial;
  nlohmann::json metrics = nlohmann::json::object();
  for (const MetricSummary& metric : summary.metrics) {
    metrics[metric.name] = {{"last", number_or_null(metric.last)},
                            {"last_step", metric.last_step},
                            {"min", number_or_null(metric.min)},
                            {"max", number_or_null(metric.max)},
                            {"points", metric.points}};
  }
  return {{"number", trial.number},
          {"attempt", trial.attempt},
          {"state", to_string(trial.state)},
          {"exit_code", trial.exit_code ? nlohmann::json(*trial.exit_code) : nlohmann::json()},
          {"started_at", format_utc(trial.started_at)},
          {"ended_at", trial.ended_at ? nlohmann::json(format_utc(*trial.ended_at)) : nlohmann::json()},
          {"duration_s", number_or_null(duration_of(trial))},
          {"host", trial.host},
          {"params", parse_params(trial.params_json)},
          {"metrics", metrics},
          {"best", number_or_null(best_of(sweep, summary))},
          {"summary", summary_json(values)}};
}

nlohmann::json trials_json(const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                           const SummariesByTrial& summaries) {
  nlohmann::json all = nlohmann::json::array();
  for (const TrialSummary& trial : trials) {
    all.push_back(trial_json(sweep, trial, summary_of(summaries, trial.trial.id)));
  }
  return all;
}

void write_json_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                       const SummariesByTrial& summaries) {
  const nlohmann::json document = {{"sweep", sweep_json(sweep)}, {"trials", trials_json(sweep, trials, summaries)}};
  out << json_text(document, 2) << "\n";
}

void write_csv_export(std::ostream& out, const SweepRecord& sweep, const std::vector<TrialSummary>& trials,
                      const SummariesByTrial& summaries) {
  // Columns are the union over trials, so a conditional parameter or a metric only some trials
  // report still gets its column; a trial without it leaves the field empty.
  std::set<std::string> param_names;
  std::set<std::string> metric_names;
  std::vector<std::vector<std::pair<std::string, nlohmann::json>>> flat_params;
  for (const TrialSummary& trial : trials) {
    flat_params.push_back(flatten_params(parse_params(trial.trial.params_json)));
    for (const auto& [name, value] : flat_params.back()) param_names.insert(name);
    for (const MetricSummary& metric : trial.metrics) metric_names.insert(metric.name);
  }

  std::vector<std::string> header = {"sweep", "number", "attempt", "state", "exit_code",
                                     "started_at", "ended_at", "duration_s", "host"};
  const bool has_best = !sweep.metric.empty();
  if (has_best) header.push_back("best." + sweep.metric);
  for (const std::string& name : param_names) header.push_back("param." + name);
  for (const std::string& name : metric_names) {
    for (const char* part : {"last.", "min.", "max."}) header.push_back(part + name);
  }
  header.push_back("summary");
  write_csv_row(out, header);

  for (std::size_t i = 0; i < trials.size(); ++i) {
    const TrialRecord& trial = trials[i].trial;
    std::vector<std::string> row = {sweep.name,
                                    std::to_string(trial.number),
                                    std::to_string(trial.attempt),
                                    to_string(trial.state),
                                    trial.exit_code ? std::to_string(*trial.exit_code) : "",
                                    format_utc(trial.started_at),
                                    trial.ended_at ? format_utc(*trial.ended_at) : "",
                                    format_exact(duration_of(trial)),
                                    trial.host};
    if (has_best) row.push_back(format_exact(best_of(sweep, trials[i])));
    for (const std::string& name : param_names) {
      const auto& flat = flat_params[i];
      const auto found = std::find_if(flat.begin(), flat.end(), [&](const auto& pair) { return pair.first == name; });
      row.push_back(found == flat.end() ? "" : param_text(found->second));
    }
    for (const std::string& name : metric_names) {
      const MetricSummary* metric = trials[i].metric(name);
      for (const double value : {metric ? metric->last : std::nan(""), metric ? metric->min : std::nan(""),
                                 metric ? metric->max : std::nan("")}) {
        row.push_back(format_exact(value));
      }
    }
    const SummaryValues& summary = summary_of(summaries, trial.id);
    row.push_back(summary.empty() ? "" : json_text(summary_json(summary)));
    write_csv_row(out, row);
  }
}

}  // namespace results
