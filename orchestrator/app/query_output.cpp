#include "orchestrator/app/query_output.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "results/queries.h"
#include "orchestrator/app/table_printer.h"
#include "orchestrator/spec/trial_args.h"
#include "results/export.h"
#include "results/params.h"
#include "results/text_format.h"

namespace orchestrator::cli {

using results::format_number;
using Align = TablePrinter::Align;

namespace {

// The flags the trial was given (the ${args} form), ready to paste after `trainer`.
std::string trainer_flags(const nlohmann::json& params) {
  return results::shell_join(arg_flags(params, "--", false));
}

std::string optional_number(const std::optional<double>& value) { return value ? format_number(*value) : "-"; }

std::string duration_text(const results::TrialRecord& trial) {
  return trial.ended_at ? results::format_duration(*trial.ended_at - trial.started_at) : "-";
}

std::string state_text(const results::TrialRecord& trial) {
  std::string text = results::to_string(trial.state);
  if (trial.exit_code && *trial.exit_code != 0) text += " (exit " + std::to_string(*trial.exit_code) + ")";
  return text;
}

// The union of parameter names over trials, in name order, so every trial's row has the same columns.
std::vector<std::string> param_names(const std::vector<nlohmann::json>& all_params) {
  std::set<std::string> names;
  for (const auto& params : all_params) {
    for (const auto& [name, value] : results::flatten_params(params)) names.insert(name);
  }
  return {names.begin(), names.end()};
}

// Tables round floats to six digits so columns stay narrow; `show` and the flags keep them exact.
std::string param_cell(const nlohmann::json& params, const std::string& name) {
  for (const auto& [flat_name, value] : results::flatten_params(params)) {
    if (flat_name != name) continue;
    return value.is_number_float() ? format_number(value.get<double>()) : results::param_text(value);
  }
  return "";
}

constexpr std::size_t kMaxSummaryText = 100;  // longer values are cut in text output; --json has them whole
constexpr std::size_t kMaxMatrixSide = 30;     // a larger matrix is no longer readable as a table

// A rectangular array of number rows, small enough to print as a table (a confusion matrix).
bool is_small_matrix(const nlohmann::json& value) {
  if (!value.is_array() || value.empty() || value.size() > kMaxMatrixSide || !value.front().is_array()) return false;
  const std::size_t width = value.front().size();
  if (width == 0 || width > kMaxMatrixSide) return false;
  return std::all_of(value.begin(), value.end(), [width](const nlohmann::json& row) {
    return row.is_array() && row.size() == width &&
           std::all_of(row.begin(), row.end(), [](const nlohmann::json& cell) { return cell.is_number(); });
  });
}

std::string summary_number_text(const nlohmann::json& value) {
  return value.is_number_float() ? format_number(value.get<double>()) : value.dump();
}

// A summary value on one line: times (keys ending in _at) in UTC, floats to six digits, long JSON cut.
std::string summary_value_text(const std::string& name, const nlohmann::json& value) {
  if (value.is_number() && name.ends_with("_at")) return results::format_utc(value.get<double>());
  std::string text = value.is_number() ? summary_number_text(value) : results::param_text(value);
  if (text.size() > kMaxSummaryText) {
    const std::size_t length = text.size();
    text = text.substr(0, kMaxSummaryText - 3) + "... (" + std::to_string(length) + " characters; --json has it all)";
  }
  return text;
}

// Rows and columns numbered from 0; for the trainer's test_confusion, rows are the true classes.
void print_matrix(std::ostream& out, const nlohmann::json& rows) {
  TablePrinter table;
  table.add_column("", Align::Right);
  for (std::size_t column = 0; column < rows.front().size(); ++column) {
    table.add_column(std::to_string(column), Align::Right);
  }
  for (std::size_t index = 0; index < rows.size(); ++index) {
    std::vector<std::string> cells = {"    " + std::to_string(index)};
    for (const auto& cell : rows[index]) cells.push_back(summary_number_text(cell));
    table.add_row(cells);
  }
  table.print(out);
}

// `key = value` per summary value, nested objects as dotted keys, a small matrix as a table.
void print_summary(std::ostream& out, const results::SummaryValues& summary) {
  for (const auto& [name, value] : results::flatten_params(results::summary_json(summary))) {
    if (is_small_matrix(value)) {
      out << "  " << name << " =\n";
      print_matrix(out, value);
    } else {
      out << "  " << name << " = " << summary_value_text(name, value) << "\n";
    }
  }
}

void print_indented_pairs(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& pairs) {
  TablePrinter table;
  table.add_column("");
  table.add_column("");
  for (const auto& [name, value] : pairs) table.add_row({"  " + name, value});
  table.print(out, /*with_header=*/false);
}

}  // namespace

void print_sweeps(std::ostream& out, const results::ResultStore& store, bool json) {
  const auto summaries = store.sweep_summaries();
  if (json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& summary : summaries) {
      nlohmann::json entry = results::sweep_json(summary.sweep);
      entry["trials"] = summary.trials;
      entry["states"] = {{"running", summary.running},   {"finished", summary.finished},
                         {"failed", summary.failed},     {"diverged", summary.diverged},
                         {"early_terminated", summary.early_terminated}, {"killed", summary.killed},
                         {"interrupted", summary.interrupted}};
      entry["best_value"] = summary.best_value ? nlohmann::json(*summary.best_value) : nlohmann::json();
      entry["best_trial"] = summary.best_trial ? nlohmann::json(*summary.best_trial) : nlohmann::json();
      all.push_back(entry);
    }
    out << results::json_text(all, 2) << "\n";
    return;
  }
  if (summaries.empty()) {
    out << "no sweeps in " << store.path() << " yet\n";
    return;
  }
  TablePrinter table;
  for (const char* header : {"NAME", "METHOD", "METRIC", "GOAL", "STATE"}) table.add_column(header);
  for (const char* header : {"TRIALS", "RUNNING", "FINISHED", "FAILED", "DIVERGED", "EARLY_TERM", "KILLED",
                             "INTERRUPTED", "BEST", "BEST_TRIAL"}) {
    table.add_column(header, Align::Right);
  }
  table.add_column("UPDATED");
  for (const auto& s : summaries) {
    table.add_row({s.sweep.name, s.sweep.method, s.sweep.metric.empty() ? "-" : s.sweep.metric, s.sweep.goal,
                   s.sweep.state, std::to_string(s.trials), std::to_string(s.running), std::to_string(s.finished),
                   std::to_string(s.failed), std::to_string(s.diverged), std::to_string(s.early_terminated),
                   std::to_string(s.killed), std::to_string(s.interrupted), optional_number(s.best_value),
                   s.best_trial ? std::to_string(*s.best_trial) : "-", results::format_utc(s.sweep.updated_at)});
  }
  table.print(out);
}

void print_best(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep,
                const BestQuery& query) {
  const auto ranked = rank_trials(store, sweep, query);
  const bool maximize = ranks_by_maximum(sweep, query);
  const std::string goal = maximize ? "maximize" : "minimize";
  if (query.json) {
    nlohmann::json trials = nlohmann::json::array();
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      const results::TrialSummary summary{ranked[i].trial, {}};
      nlohmann::json entry = results::trial_json(sweep, summary);
      entry.erase("metrics");
      entry.erase("best");
      entry["rank"] = i + 1;
      entry["value"] = ranked[i].value;
      entry["step"] = ranked[i].step;
      entry["flags"] = trainer_flags(results::parse_params(ranked[i].trial.params_json));
      trials.push_back(entry);
    }
    out << results::json_text({{"sweep", sweep.name}, {"metric", query.metric}, {"goal", goal}, {"trials", trials}}, 2)
        << "\n";
    return;
  }

  out << "sweep " << sweep.name << ": best by " << query.metric << " (" << goal << ")\n\n";
  std::vector<nlohmann::json> all_params;
  for (const auto& entry : ranked) all_params.push_back(results::parse_params(entry.trial.params_json));
  TablePrinter table;
  table.add_column("RANK", Align::Right);
  table.add_column("TRIAL", Align::Right);
  table.add_column(query.metric, Align::Right);
  table.add_column("AT_STEP", Align::Right);
  table.add_column("STATE");
  table.add_column("DURATION", Align::Right);
  const auto names = param_names(all_params);
  for (const auto& name : names) table.add_column(name);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    std::vector<std::string> row = {std::to_string(i + 1), std::to_string(ranked[i].trial.number),
                                    format_number(ranked[i].value), std::to_string(ranked[i].step),
                                    state_text(ranked[i].trial),
                                    duration_text(ranked[i].trial)};
    for (const auto& name : names) row.push_back(param_cell(all_params[i], name));
    table.add_row(row);
  }
  table.print(out);

  // The best trial's value comes from its best step; the last values may differ (a later epoch).
  out << "\ntrial " << ranked.front().trial.number << ": " << query.metric << " " << format_number(ranked.front().value)
      << " at step " << ranked.front().step << "; last values:\n";
  TablePrinter last_values;
  last_values.add_column("");
  last_values.add_column("", Align::Right);
  last_values.add_column("");
  for (const auto& metric : store.metric_summaries(ranked.front().trial.id)) {
    last_values.add_row({"  " + metric.name, format_number(metric.last), "(step " + std::to_string(metric.last_step) + ")"});
  }
  last_values.print(out, /*with_header=*/false);
  out << "\ntrainer flags:\n";
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const std::string flags = trainer_flags(all_params[i]);
    out << (ranked.size() > 1 ? "  #" + std::to_string(ranked[i].trial.number) + "  " : "  ") << flags << "\n";
  }
}

void print_trials(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep,
                  bool json) {
  const auto trials = store.trial_summaries(sweep.id);
  if (json) {
    results::write_json_export(out, sweep, trials, results::read_summaries(store, trials));
    return;
  }
  if (trials.empty()) {
    out << "sweep " << sweep.name << " has no trials yet\n";
    return;
  }
  std::vector<nlohmann::json> all_params;
  std::set<std::string> metric_names;
  for (const auto& trial : trials) {
    all_params.push_back(results::parse_params(trial.trial.params_json));
    for (const auto& metric : trial.metrics) metric_names.insert(metric.name);
  }
  const bool maximize = sweep.goal != "minimize";
  const bool has_sweep_metric = metric_names.count(sweep.metric) > 0;
  metric_names.erase(sweep.metric);

  TablePrinter table;
  table.add_column("TRIAL", Align::Right);
  table.add_column("TRY", Align::Right);
  table.add_column("STATE");
  table.add_column("DURATION", Align::Right);
  const auto names = param_names(all_params);
  for (const auto& name : names) table.add_column(name);
  if (has_sweep_metric) {
    table.add_column(sweep.metric + " best", Align::Right);
    table.add_column(sweep.metric + " last", Align::Right);
  }
  for (const auto& name : metric_names) table.add_column(name + " last", Align::Right);
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const auto& trial = trials[i];
    std::vector<std::string> row = {std::to_string(trial.trial.number), std::to_string(trial.trial.attempt),
                                    state_text(trial.trial), duration_text(trial.trial)};
    for (const auto& name : names) row.push_back(param_cell(all_params[i], name));
    const auto metric_cell = [&](const std::string& name, auto value_of) {
      const results::MetricSummary* metric = trial.metric(name);
      return metric ? format_number(value_of(*metric)) : std::string("-");
    };
    if (has_sweep_metric) {
      row.push_back(metric_cell(sweep.metric, [&](const auto& m) { return m.best(maximize); }));
      row.push_back(metric_cell(sweep.metric, [](const auto& m) { return m.last; }));
    }
    for (const auto& name : metric_names) row.push_back(metric_cell(name, [](const auto& m) { return m.last; }));
    table.add_row(row);
  }
  table.print(out);
}

void print_trial(std::ostream& out, const results::ResultStore& store, const results::SweepRecord& sweep, int number,
                 bool json) {
  const results::TrialRecord trial = resolve_trial(store, sweep, number);
  const auto points = store.metrics(trial.id);
  // The history as one row per step with a column per metric, as the trainer printed it.
  std::map<std::int64_t, std::map<std::string, double>> by_step;
  std::set<std::string> metric_names;
  for (const auto& point : points) {
    by_step[point.step][point.name] = point.value;
    metric_names.insert(point.name);
  }
  const nlohmann::json params = results::parse_params(trial.params_json);
  const results::SummaryValues summary_values = store.summary(trial.id);

  if (json) {
    const results::TrialSummary summary{trial, store.metric_summaries(trial.id)};
    nlohmann::json document = results::trial_json(sweep, summary, summary_values);
    document["sweep"] = sweep.name;
    document["flags"] = trainer_flags(params);
    document["info"] = nlohmann::json::parse(trial.info_json, nullptr, false);
    document["log_tail"] = trial.log_tail;
    nlohmann::json history = nlohmann::json::array();
    for (const auto& [step, values] : by_step) {
      nlohmann::json row = {{"step", step}};
      for (const auto& [name, value] : values) row[name] = std::isnan(value) ? nlohmann::json() : nlohmann::json(value);
      history.push_back(row);
    }
    document["history"] = history;
    out << results::json_text(document, 2) << "\n";
    return;
  }

  out << "trial " << trial.number << " of sweep " << sweep.name << " (attempt " << trial.attempt << ")\n";
  std::vector<std::pair<std::string, std::string>> facts = {
      {"state", state_text(trial)},
      {"exit code", trial.exit_code ? std::to_string(*trial.exit_code) : "-"},
      {"host", trial.host.empty() ? "-" : trial.host},
      {"started", results::format_utc(trial.started_at)},
      {"ended", trial.ended_at ? results::format_utc(*trial.ended_at) : "-"},
      {"duration", duration_text(trial)},
  };
  if (trial.info_json != "{}") facts.emplace_back("info", trial.info_json);
  print_indented_pairs(out, facts);

  out << "\nparameters:\n";
  std::vector<std::pair<std::string, std::string>> param_pairs;
  for (const auto& [name, value] : results::flatten_params(params)) param_pairs.emplace_back(name, results::param_text(value));
  print_indented_pairs(out, param_pairs);
  out << "\ntrainer flags:\n  " << trainer_flags(params) << "\n";

  out << "\nmetrics:\n";
  if (by_step.empty()) {
    out << "  (none recorded)\n";
  } else {
    TablePrinter table;
    table.add_column("  STEP", Align::Right);
    for (const auto& name : metric_names) table.add_column(name, Align::Right);
    for (const auto& [step, values] : by_step) {
      std::vector<std::string> row = {std::to_string(step)};
      for (const auto& name : metric_names) {
        const auto found = values.find(name);
        row.push_back(found == values.end() ? "" : format_number(found->second));
      }
      table.add_row(row);
    }
    table.print(out);
  }

  if (!summary_values.empty()) {
    out << "\nsummary:\n";
    print_summary(out, summary_values);
  }

  out << "\nlog tail:\n";
  if (trial.log_tail.empty()) {
    out << "  (empty)\n";
  } else {
    std::istringstream lines(trial.log_tail);
    for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
  }
}

}  // namespace orchestrator::cli
