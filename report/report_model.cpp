#include "report/report_model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "report/trial_axes.h"
#include "results/queries.h"
#include "orchestrator/spec/command_line.h"
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/spec/trial_args.h"
#include "results/interrupted.h"
#include "results/params.h"
#include "results/text_format.h"
#include "trainer/dataset.h"

namespace report {

namespace {

using nlohmann::json;
using results::TrialState;

std::optional<double> finite(double value) {
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

// The latest attempt of each trial number, in number order (trial_summaries is by number, then attempt).
std::vector<const results::TrialSummary*> latest_attempts(const std::vector<results::TrialSummary>& all) {
  std::vector<const results::TrialSummary*> latest;
  for (const auto& summary : all) {
    if (!latest.empty() && latest.back()->trial.number == summary.trial.number) {
      latest.back() = &summary;
    } else {
      latest.push_back(&summary);
    }
  }
  return latest;
}

// Tables round floats to six digits, as the CLI's tables do; the command line keeps them exact.
std::string table_text(const json& value) {
  return value.is_number_float() ? results::format_number(value.get<double>()) : results::param_text(value);
}

// The best trial's argv, as `sweep run` builds it from the spec's command template. The template's
// ${env} (/usr/bin/env with nothing to set) is left out: the line reads as the program's own.
std::string command_line(const std::optional<orchestrator::SweepSpec>& spec, const json& config) {
  std::vector<std::string> words;
  if (spec) {
    words = orchestrator::build_command(*spec, spec->program, config);
    if (words.size() > 1 && words.front() == "/usr/bin/env") words.erase(words.begin());
  } else {
    words = orchestrator::arg_flags(config, "--", false);
  }
  return results::shell_join(words);
}

std::optional<orchestrator::SweepSpec> parse_spec(const results::SweepRecord& sweep, std::string& problem) {
  try {
    return orchestrator::parse_sweep_spec(sweep.spec_text, "sweep '" + sweep.name + "' spec");
  } catch (const std::exception& error) {
    problem = error.what();
    return std::nullopt;
  }
}

std::optional<double> json_number(const std::string& text) {
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

std::vector<std::vector<std::int64_t>> json_matrix(const std::string& text) {
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::vector<std::int64_t>> matrix;
  if (!value.is_array() || value.empty()) return {};
  for (const auto& row : value) {
    if (!row.is_array() || row.size() != value.size()) return {};  // square, or nothing
    std::vector<std::int64_t> cells;
    for (const auto& cell : row) {
      if (!cell.is_number()) return {};
      cells.push_back(cell.get<std::int64_t>());
    }
    matrix.push_back(std::move(cells));
  }
  return matrix;
}

std::optional<TestResults> test_results(const results::ResultStore& store, const results::TrialSummary& best) {
  TestResults test;
  for (const auto& [key, text] : store.summary(best.trial.id)) {
    if (key == "test_confusion") test.confusion = json_matrix(text);
    if (key == "test_acc") test.accuracy = json_number(text);
    if (key == "test_loss") test.loss = json_number(text);
    if (key == "retrain") {
      const json retrain = json::parse(text, nullptr, /*allow_exceptions=*/false);
      test.retrained = retrain.is_object();
      if (!test.retrained) continue;
      if (const auto command = retrain.find("command"); command != retrain.end() && command->is_array()) {
        std::vector<std::string> words;
        for (const auto& word : *command) words.push_back(word.is_string() ? word.get<std::string>() : word.dump());
        test.retrain_command = results::shell_join(words);
      }
      if (const auto exit = retrain.find("exit"); exit != retrain.end() && exit->is_string())
        test.retrain_exit = exit->get<std::string>();
      if (const auto seconds = retrain.find("duration_s"); seconds != retrain.end() && seconds->is_number())
        test.retrain_seconds = seconds->get<double>();
    }
  }
  // Trials run with --test report test_acc and test_loss as ordinary metrics of their last line.
  if (const auto* accuracy = best.metric("test_acc"); accuracy && !test.accuracy) test.accuracy = finite(accuracy->last);
  if (const auto* loss = best.metric("test_loss"); loss && !test.loss) test.loss = finite(loss->last);
  if (test.confusion.empty() && !test.accuracy && !test.loss && !test.retrained) return std::nullopt;
  return test;
}

std::string string_param(const json& config, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    const auto found = config.find(name);
    if (found != config.end() && found->is_string()) return found->get<std::string>();
  }
  return "";
}

std::optional<SampleImages> sample_images(const json& config, const std::string& dataset, int per_class) {
  try {
    const sweep::trainer::DatasetSource source{dataset, string_param(config, {"data-dir", "data_dir"})};
    const auto images = sweep::trainer::load_test_images(source);
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(images.pixels_per_image))));
    if (side <= 0 || static_cast<std::size_t>(side) * side != images.pixels_per_image) return std::nullopt;
    SampleImages samples;
    samples.width = samples.height = side;
    samples.by_class.resize(sweep::trainer::kClassCount);
    for (std::size_t i = 0; i < images.count(); ++i) {
      auto& bucket = samples.by_class[images.labels[i]];
      if (static_cast<int>(bucket.size()) >= per_class) continue;
      bucket.emplace_back(images.image(i), images.image(i) + images.pixels_per_image);
    }
    return samples;
  } catch (const std::exception&) {
    return std::nullopt;  // the dataset is not on this machine: the page leaves the section out
  }
}

void gather_importance(const std::optional<orchestrator::SweepSpec>& spec, const std::vector<json>& configs,
                       const std::vector<const results::TrialSummary*>& latest, ReportModel& model) {
  if (model.metric.empty()) {
    model.importance.not_computed = "the sweep has no metric; pass --metric";
    return;
  }
  if (!spec) {
    model.importance.not_computed = "the sweep's stored spec could not be read";
    return;
  }
  try {
    const orchestrator::ParameterSpace space(*spec);
    std::vector<bayesopt::Assignment> assignments;
    std::vector<double> values;
    for (std::size_t i = 0; i < latest.size(); ++i) {
      if (latest[i]->trial.state != TrialState::Finished || !model.history[i].value) continue;
      try {
        assignments.push_back(space.to_assignment(configs[i]));
        values.push_back(*model.history[i].value);
      } catch (const std::invalid_argument&) {
        // a configuration outside the spec (stored by an older spec): not evidence about this space
      }
    }
    model.importance_trials = static_cast<int>(values.size());
    model.importance = parameter_importance(space.search_space(), assignments, values);
  } catch (const std::exception& error) {
    model.importance = {};
    model.importance.not_computed = error.what();
  }
}

void gather_times(const std::vector<results::TrialSummary>& all, ReportModel& model) {
  std::optional<double> first, last;
  for (const auto& summary : all) {
    const auto& trial = summary.trial;
    if (trial.ended_at) model.compute_seconds += std::max(0.0, *trial.ended_at - trial.started_at);
    first = std::min(first.value_or(trial.started_at), trial.started_at);
    const double end = trial.ended_at.value_or(trial.started_at);
    last = std::max(last.value_or(end), end);
  }
  if (first) model.wall_seconds = *last - *first;
}

void gather_counts(const std::vector<const results::TrialSummary*>& latest, ReportModel& model) {
  for (const TrialState state : {TrialState::Finished, TrialState::EarlyTerminated, TrialState::Running,
                                 TrialState::Failed, TrialState::Diverged, TrialState::Killed,
                                 TrialState::Interrupted}) {
    const auto count = std::count_if(latest.begin(), latest.end(),
                                     [&](const auto* summary) { return summary->trial.state == state; });
    if (count > 0) model.counts.push_back({results::to_string(state), static_cast<int>(count)});
  }
}

// Hover text for the history and curves: the parameters that differ between trials ("lr=0.001 opt=adam").
void add_hover_details(ReportModel& model) {
  std::vector<std::size_t> varied;
  for (std::size_t c = 0; c < model.param_columns.size(); ++c) {
    std::set<std::string> distinct;
    for (const auto& row : model.rows) distinct.insert(row.param_values[c]);
    if (distinct.size() > 1 || model.rows.size() == 1) varied.push_back(c);
  }
  std::map<int, std::string> details;
  for (std::size_t i = 0; i < model.rows.size(); ++i) {
    std::string text;
    for (const std::size_t c : varied) {
      if (model.rows[i].param_values[c].empty()) continue;
      if (!text.empty()) text += ' ';
      text += model.param_columns[c] + '=' + model.rows[i].param_values[c];
    }
    model.history[i].details = text;
    details[model.rows[i].number] = text;
  }
  for (auto& curve : model.curves) curve.details = details[curve.trial];
}

// The metric the report ranks and plots by, and its direction.
void gather_ranking(const results::ResultStore& store, const ReportOptions& options, ReportModel& model) {
  model.metric = options.metric.value_or(model.sweep.metric);
  if (options.metric && *options.metric != model.sweep.metric) results::require_metric(store, model.sweep, *options.metric);
  results::RankingQuery query;
  query.metric = model.metric;
  query.goal = options.goal;
  model.maximize = results::ranks_by_maximum(model.sweep, query);
}

std::vector<json> trial_configs(const std::vector<const results::TrialSummary*>& latest) {
  std::vector<json> configs;
  for (const auto* summary : latest) configs.push_back(results::parse_params(summary->trial.params_json));
  return configs;
}

// The trials table, and the points of the history and parallel-coordinates charts.
void gather_rows(const std::vector<results::TrialSummary>& all, const std::vector<const results::TrialSummary*>& latest,
                 const std::vector<json>& configs, ReportModel& model) {
  std::set<std::string> columns;
  for (const json& config : configs) {
    for (const auto& [name, value] : results::flatten_params(config)) columns.insert(name);
  }
  model.param_columns.assign(columns.begin(), columns.end());
  std::map<int, int> attempts;
  for (const auto& summary : all) ++attempts[summary.trial.number];
  for (std::size_t i = 0; i < latest.size(); ++i) {
    const auto& trial = latest[i]->trial;
    TrialRow row = trial_row(*latest[i], attempts[trial.number], model.metric, model.maximize, model.param_columns);
    model.history.push_back({trial.number, row.metric_best, row.state, ""});
    model.lines.push_back({trial.number, {}, row.metric_best});
    model.rows.push_back(std::move(row));
  }
}

// Learning curves of the report's metric, read for the whole sweep in one query.
void gather_curves(const results::ResultStore& store, const std::vector<const results::TrialSummary*>& latest,
                   ReportModel& model) {
  if (model.metric.empty()) return;
  const auto series = store.metric_series(model.sweep.id, model.metric);
  for (const auto* summary : latest) {
    const auto points = series.find(summary->trial.id);
    if (points == series.end()) continue;
    Curve curve{summary->trial.number, results::to_string(summary->trial.state), {}, false, ""};
    for (const auto& point : points->second) {
      if (std::isfinite(point.value)) curve.points.emplace_back(static_cast<double>(point.step), point.value);
    }
    if (!curve.points.empty()) model.curves.push_back(std::move(curve));
  }
}

// The best trial: its value, parameters, ready-to-run command line and test results.
void gather_best(const results::ResultStore& store, const std::optional<orchestrator::SweepSpec>& spec,
                 const std::vector<const results::TrialSummary*>& latest, ReportModel& model) {
  if (model.metric.empty()) return;
  const auto ranked = store.best_trials(model.sweep.id, model.metric, model.maximize, 1);
  if (ranked.empty() || !std::isfinite(ranked.front().value)) return;
  const auto& trial = ranked.front().trial;
  const json config = results::parse_params(trial.params_json);
  BestTrial best{trial.number, ranked.front().value, results::to_string(trial.state), {}, command_line(spec, config)};
  for (const auto& [name, value] : results::flatten_params(config)) best.params.emplace_back(name, results::param_text(value));
  model.best = std::move(best);
  for (auto& curve : model.curves) curve.best = curve.trial == trial.number;
  for (const auto* summary : latest) {
    if (summary->trial.id == trial.id) model.test = test_results(store, *summary);
  }
}

// The dataset a trial says it trained on (its summary's "dataset", as the trainer reports it), else the
// one its configuration names; empty if neither says.
std::string trial_dataset(const results::ResultStore& store, const results::TrialSummary& summary, const json& config) {
  for (const auto& [key, value] : store.summary(summary.trial.id)) {
    if (key != "dataset") continue;
    const json parsed = json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_string()) return parsed.get<std::string>();
  }
  return string_param(config, {"dataset"});
}

// Class names and sample images of the dataset the best trial (else the first) trained on. Only a sweep
// whose trials name their dataset (or report test results) gets sample images: the report does not guess
// the workload from the program's name.
void gather_dataset(const results::ResultStore& store, const std::vector<const results::TrialSummary*>& latest,
                    const std::vector<json>& configs, const ReportOptions& options, ReportModel& model) {
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < latest.size(); ++i) {
    if (!chosen || (model.best && latest[i]->trial.number == model.best->number)) chosen = i;
  }
  const json no_config = json::object();
  const json& config = chosen ? configs[*chosen] : no_config;
  model.dataset = chosen ? trial_dataset(store, *latest[*chosen], config) : std::string();
  const bool names_dataset = !model.dataset.empty();
  if (model.dataset.empty()) model.dataset = "fashion_mnist";
  model.class_names = dataset_class_names(model.dataset);
  if (options.load_sample_images && model.trial_count > 0 && (names_dataset || model.test))
    model.samples = sample_images(config, model.dataset, options.images_per_class);
}

}  // namespace

TrialRow trial_row(const results::TrialSummary& summary, int attempts, const std::string& metric_name, bool maximize,
                   const std::vector<std::string>& param_columns) {
  const auto& trial = summary.trial;
  const auto* metric = metric_name.empty() ? nullptr : summary.metric(metric_name);
  TrialRow row;
  row.id = trial.id;
  row.number = trial.number;
  row.attempts = attempts;
  row.state = results::to_string(trial.state);
  row.exit_code = trial.exit_code;
  row.started_at = trial.started_at;
  row.activity = std::max({trial.started_at, trial.ended_at.value_or(0.0), trial.heard_at.value_or(0.0)});
  if (trial.ended_at) row.duration_seconds = std::max(0.0, *trial.ended_at - trial.started_at);
  if (metric) {
    row.metric_best = finite(metric->best(maximize));
    row.metric_last = finite(metric->last);
  }
  std::map<std::string, std::string> texts;
  for (const auto& [name, value] : results::flatten_params(results::parse_params(trial.params_json)))
    texts[name] = table_text(value);
  for (const auto& column : param_columns) row.param_values.push_back(texts[column]);
  return row;
}

std::vector<std::string> dataset_class_names(const std::string& dataset) {
  if (dataset == "fashion_mnist")
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
  std::vector<std::string> digits;
  for (int digit = 0; digit < 10; ++digit) digits.push_back(std::to_string(digit));
  return digits;
}

ReportModel build_report_model(const results::ResultStore& store, const results::SweepRecord& sweep,
                               const ReportOptions& options) {
  ReportModel model;
  model.sweep = sweep;
  // Read first: whatever happens while the rest is gathered is newer than the cursor, so the dashboard's
  // updates bring it (possibly twice, which the page's step cursor absorbs) rather than miss it.
  model.cursor = store.last_activity(sweep.id);
  gather_ranking(store, options, model);
  const std::optional<orchestrator::SweepSpec> spec = parse_spec(sweep, model.spec_problem);
  if (spec) model.program = spec->program;

  std::vector<results::TrialSummary> all = store.trial_summaries(sweep.id);
  // A trial left running by a coordinator that is gone reads as interrupted, as everywhere else.
  for (auto& summary : all) results::show_interruption(sweep, summary.trial);
  const auto latest = latest_attempts(all);
  model.trial_count = static_cast<int>(latest.size());
  gather_counts(latest, model);
  gather_times(all, model);
  const std::vector<json> configs = trial_configs(latest);
  gather_rows(all, latest, configs, model);
  gather_curves(store, latest, model);
  add_hover_details(model);
  TrialAxes axes = spec ? TrialAxes::from_spec(*spec) : TrialAxes::from_configs(configs);
  axes.place(configs, model.lines);
  model.axes = axes.axes();
  gather_best(store, spec, latest, model);
  gather_importance(spec, configs, latest, model);
  gather_dataset(store, latest, configs, options, model);
  return model;
}

}  // namespace report
