// report_bench: the report benchmark's C++ side. `make-db` writes a synthetic sweep (make_trials.py's
// JSON) into results.db through ResultStore; `parts` times the report's stages in-process, per figure.
#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/space/parameter_space.h"
#include "orchestrator/run/sweep_opening.h"
#include "orchestrator/spec/sweep_spec.h"
#include "report/charts.h"
#include "report/html_report.h"
#include "report/parameter_importance.h"
#include "report/report_model.h"
#include "results/params.h"
#include "results/result_store.h"

namespace {

using nlohmann::json;

int usage() {
  std::cerr << "usage: report_bench make-db TRIALS.json RESULTS.db\n"
               "       report_bench parts RESULTS.db [REPEATS=3]\n";
  return 2;
}

// The trials as a coordinator would have recorded them: started, every epoch's val_acc, ended.
int make_db(const std::string& trials_path, const std::string& db_path) {
  std::ifstream in(trials_path);
  if (!in) throw std::runtime_error("cannot read " + trials_path);
  const json sweep = json::parse(in);
  const auto spec = orchestrator::parse_sweep_spec(sweep.at("spec").get<std::string>(), trials_path);
  std::filesystem::remove(db_path);
  auto store = results::ResultStore::open(db_path);
  const std::int64_t sweep_id = orchestrator::open_sweep(store, spec, /*restart=*/true).id;
  for (const json& trial : sweep.at("trials")) {
    const std::int64_t trial_id =
        store.start_trial(sweep_id, trial.at("number").get<int>(), 1, trial.at("params").dump(), "report-bench");
    std::vector<results::MetricPoint> points;
    std::int64_t epoch = 0;
    for (const json& value : trial.at("val_acc")) points.push_back({++epoch, "val_acc", value.get<double>()});
    store.record_metrics(trial_id, points);
    const auto state = results::parse_trial_state(trial.at("state").get<std::string>());
    if (!state) throw std::runtime_error("unknown trial state " + trial.at("state").dump());
    store.finish_trial(trial_id, *state, 0, "", "{}");
  }
  store.set_sweep_state(sweep_id, "finished");
  std::cout << "report_bench: " << sweep.at("trials").size() << " trials written to " << db_path << "\n";
  return 0;
}

// The best of `repeats` wall times of `work`, in seconds.
double best_seconds(int repeats, const std::function<void()>& work) {
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// What the importance section models: the finished trials with a value, in the spec's space.
struct ImportanceInputs {
  bayesopt::SearchSpace space;
  std::vector<bayesopt::Assignment> configs;
  std::vector<double> values;
};

ImportanceInputs importance_inputs(const results::ResultStore& store, const results::SweepRecord& sweep,
                                   const report::ReportModel& model) {
  const orchestrator::ParameterSpace space(orchestrator::parse_sweep_spec(sweep.spec_text, "stored spec"));
  ImportanceInputs inputs{space.search_space(), {}, {}};
  for (const auto& summary : store.trial_summaries(sweep.id)) {
    const auto* metric = summary.metric(model.metric);
    if (summary.trial.state != results::TrialState::Finished || metric == nullptr) continue;
    inputs.configs.push_back(space.to_assignment(results::parse_params(summary.trial.params_json)));
    inputs.values.push_back(metric->best(model.maximize));
  }
  return inputs;
}

int parts(const std::string& db_path, int repeats) {
  const auto store = results::ResultStore::open_existing(db_path);
  const auto sweep = store.latest_sweep();
  if (!sweep) throw std::runtime_error(db_path + " holds no sweep");
  report::ReportOptions options;
  options.load_sample_images = false;  // the synthetic sweep has none (its program is not the trainer)

  report::ReportModel model;
  json times;
  times["model"] = best_seconds(repeats, [&] { model = report::build_report_model(store, *sweep, options); });
  const ImportanceInputs inputs = importance_inputs(store, *sweep, model);
  std::size_t sink = 0;  // the outputs' sizes, so no stage can be optimised away
  times["history"] = best_seconds(repeats, [&] {
    sink += report::optimization_history_chart(model.history, model.metric, model.maximize).size();
  });
  times["curves"] = best_seconds(repeats, [&] { sink += report::learning_curves_chart(model.curves, model.metric, "epoch").size(); });
  times["parallel"] = best_seconds(repeats, [&] {
    sink += report::parallel_coordinates_chart(model.axes, model.lines, model.metric, model.maximize).size();
  });
  times["importance_fit"] = best_seconds(repeats, [&] {
    sink += report::parameter_importance(inputs.space, inputs.configs, inputs.values).bars.size();
  });
  times["importance_chart"] = best_seconds(repeats, [&] { sink += report::importance_chart(model.importance.bars).size(); });
  times["page"] = best_seconds(repeats, [&] { sink += report::render_html_report(model, "bench").size(); });

  json importance = json::array();
  for (const auto& bar : model.importance.bars) importance.push_back({bar.parameter, bar.importance});
  const json out{{"seconds", times},
                 {"importance", importance},
                 {"importance_trials", model.importance.trials},
                 {"finished_trials", inputs.values.size()},
                 {"output_bytes", sink}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "make-db") return make_db(args[1], args[2]);
    if ((args.size() == 2 || args.size() == 3) && args[0] == "parts")
      return parts(args[1], args.size() == 3 ? std::stoi(args[2]) : 3);
    return usage();
  } catch (const std::exception& error) {
    std::cerr << "report_bench: " << error.what() << "\n";
    return 1;
  }
}
