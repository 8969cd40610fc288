#include "report/report_json.h"

#include "report/charts.h"
#include "results/text_format.h"

namespace report {

namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json best_json(const BestTrial& best) {
  json params = json::array();
  for (const auto& [name, value] : best.params) params.push_back({name, value});
  return {{"number", best.number}, {"value", best.value}, {"state", best.state}, {"params", params},
          {"command_line", best.command_line}};
}

json test_json(const TestResults& test) {
  return {{"confusion", test.confusion},
          {"accuracy", optional_number(test.accuracy)},
          {"loss", optional_number(test.loss)},
          {"retrained", test.retrained},
          {"retrain_command", test.retrain_command},
          {"retrain_exit", test.retrain_exit},
          {"retrain_seconds", optional_number(test.retrain_seconds)}};
}

json samples_json(const SampleImages& samples) {
  json by_class = json::array();
  for (const auto& images : samples.by_class) {
    json uris = json::array();
    for (const auto& pixels : images) uris.push_back(png_data_uri(pixels.data(), samples.width, samples.height));
    by_class.push_back(std::move(uris));
  }
  return {{"width", samples.width}, {"height", samples.height}, {"by_class", by_class}};
}

}  // namespace

json trial_row_json(const TrialRow& row, const std::vector<std::string>& param_columns,
                    const std::vector<std::optional<double>>& axis_values) {
  json params = json::object();
  for (std::size_t c = 0; c < param_columns.size() && c < row.param_values.size(); ++c) {
    if (!row.param_values[c].empty()) params[param_columns[c]] = row.param_values[c];
  }
  json axes = json::array();
  for (const auto& value : axis_values) axes.push_back(optional_number(value));
  return {{"id", row.id},
          {"number", row.number},
          {"attempts", row.attempts},
          {"state", row.state},
          {"exit_code", row.exit_code ? json(*row.exit_code) : json(nullptr)},
          {"started_at", row.started_at},
          {"activity", row.activity},
          {"duration", optional_number(row.duration_seconds)},
          {"best", optional_number(row.metric_best)},
          {"last", optional_number(row.metric_last)},
          {"params", params},
          {"axes", axes}};
}

json report_model_json(const ReportModel& model, const std::string& generated_at) {
  const auto& sweep = model.sweep;
  json out;
  out["sweep"] = {{"id", sweep.id},         {"name", sweep.name},   {"method", sweep.method},
                  {"metric", sweep.metric}, {"goal", sweep.goal},   {"state", sweep.state},
                  {"created_at", sweep.created_at}, {"spec_text", sweep.spec_text}};
  out["generated_at"] = generated_at;
  out["metric"] = model.metric;
  out["maximize"] = model.maximize;
  out["spec_problem"] = model.spec_problem;
  out["program"] = model.program;
  out["cursor"] = model.cursor;
  out["compute_seconds"] = model.compute_seconds;
  out["wall_seconds"] = optional_number(model.wall_seconds);
  json counts = json::object();
  for (const auto& count : model.counts) counts[count.state] = count.count;
  out["counts"] = counts;
  out["best"] = model.best ? best_json(*model.best) : json(nullptr);
  out["param_columns"] = model.param_columns;
  json axes = json::array();
  for (const auto& axis : model.axes)
    axes.push_back({{"name", axis.name}, {"categorical", axis.categorical}, {"labels", axis.labels}, {"log", axis.log}});
  out["axes"] = axes;
  json trials = json::array();
  for (std::size_t i = 0; i < model.rows.size(); ++i) {
    // lines[i] belongs to rows[i]: both are built from the same latest attempt, in number order.
    trials.push_back(trial_row_json(model.rows[i], model.param_columns, i < model.lines.size() ? model.lines[i].values
                                                                         : std::vector<std::optional<double>>{}));
  }
  out["trials"] = trials;
  json curves = json::array();
  for (const auto& curve : model.curves) {
    json points = json::array();
    for (const auto& [step, value] : curve.points) {
      points.push_back(step);
      points.push_back(value);
    }
    curves.push_back({{"trial", curve.trial}, {"points", points}});
  }
  out["curves"] = curves;
  json bars = json::array();
  for (const auto& bar : model.importance.bars) bars.push_back({{"parameter", bar.parameter}, {"importance", bar.importance}});
  out["importance"] = {{"bars", bars}, {"not_computed", model.importance.not_computed},
                       {"trials", model.importance_trials}};
  out["test"] = model.test ? test_json(*model.test) : json(nullptr);
  out["dataset"] = model.dataset;
  out["class_names"] = model.class_names;
  out["samples"] = model.samples ? samples_json(*model.samples) : json(nullptr);
  return out;
}

std::string script_safe_json(const json& value) {
  const std::string text = results::json_text(value);
  std::string safe;
  safe.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // '<' only occurs inside JSON strings, where "\u003c" means the same character.
    if (text[i] == '<') {
      safe += "\\u003c";
    } else {
      safe += text[i];
    }
  }
  return safe;
}

}  // namespace report
