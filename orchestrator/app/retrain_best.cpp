#include "orchestrator/app/retrain_best.h"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"
#include "results/queries.h"
#include "orchestrator/spec/command_line.h"
#include "orchestrator/launch/local_launcher.h"
#include "orchestrator/run/metric_line.h"
#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/trial_command.h"
#include "results/params.h"
#include "results/text_format.h"

namespace orchestrator::cli {

namespace {

// What the run needs from the database, read before the child starts so the database is not held
// open while it trains.
struct RetrainTarget {
  results::SweepRecord sweep;
  results::TrialRecord trial;
  results::RankedTrial ranked;                 // its ranked value and the step it came from
  std::map<std::int64_t, double> trial_series;  // the trial's ranked metric by step, as the sweep saw it
  std::string best_output;  // `sweep best` for this trial, as text or JSON
};

struct RetrainRun {
  TrialExit exit;
  bool interrupted = false;
  double started_at = 0;  // unix seconds
  double duration_s = 0;
  std::int64_t records = 0;
  std::optional<MetricRecord> last;
  std::map<std::int64_t, double> series;            // the ranked metric by step, as the retrain reported it
  nlohmann::json test = nlohmann::json::object();  // the test_* fields of the last record
};

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

RetrainTarget find_target(const RetrainOptions& options, const std::string& db_path) {
  const results::ResultStore store = results::ResultStore::open_existing(db_path);
  BestQuery query = options.query;
  query.top = 1;
  RetrainTarget target;
  target.sweep = resolve_sweep(store, options.sweep);
  target.ranked = rank_trials(store, target.sweep, query).front();
  target.trial = target.ranked.trial;
  for (const auto& point : store.metrics(target.trial.id)) {
    if (point.name == query.metric) target.trial_series[point.step] = point.value;
  }
  std::ostringstream best;
  print_best(best, store, target.sweep, query);
  target.best_output = best.str();
  return target;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw SpecError("--spec " + path + ": cannot read it");
  return text.str();
}

// The sweep's program, found as `sweep run` finds it: next to the spec when --spec names it (the
// spec's directory is not stored), else in the current directory, then on PATH.
std::string find_program(SweepSpec spec, const RetrainOptions& options, std::ostream& progress) {
  if (options.spec_path) {
    if (read_text(*options.spec_path) != spec.text) {
      progress << "retrain: warning: " << *options.spec_path << " differs from the spec sweep '" << spec.name
               << "' ran with; running the stored spec, with its program found next to " << *options.spec_path
               << "\n";
    }
    spec.source = *options.spec_path;
    return resolve_program(spec);
  }
  spec.source.clear();
  try {
    return resolve_program(spec);
  } catch (const SpecError&) {
    const bool bare_name = spec.program.find('/') == std::string::npos;
    throw SpecError("the program \"" + spec.program + "\" of sweep '" + spec.name +
                    "' was not found in the current directory" + (bare_name ? " or on PATH" : "") +
                    "; the database does not keep the spec's directory: pass --spec FILE (the sweep's spec file) "
                    "to look next to it, or run this from the directory the program is in");
  }
}

// The argv and environment the coordinator gave the trial, with --test appended.
TrialCommand retrain_command(const RetrainTarget& target, const RetrainOptions& options, std::ostream& progress) {
  SweepSpec spec = parse_sweep_spec(target.sweep.spec_text, "the stored spec of sweep '" + target.sweep.name + "'");
  const std::string program = command_uses_program(spec.command) ? find_program(spec, options, progress) : "";
  const std::vector<std::string> extra = options.test ? std::vector<std::string>{"--test"} : std::vector<std::string>{};
  return make_trial_command(spec, program, results::parse_params(target.trial.params_json),
                            {target.trial.number, target.trial.attempt}, wandb_standin_for(spec, program), extra);
}

// The configuration's epoch count, for "epoch 3/10"; nullopt when it has none.
std::optional<std::int64_t> configured_epochs(const RetrainTarget& target) {
  const nlohmann::json params = results::parse_params(target.trial.params_json);
  const auto found = params.find("epochs");
  if (found == params.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<std::int64_t>();
}

const results::MetricPoint* find_point(const MetricRecord& record, const std::string& name) {
  const auto found = std::find_if(record.points.begin(), record.points.end(),
                                  [&](const results::MetricPoint& point) { return point.name == name; });
  return found == record.points.end() ? nullptr : &*found;
}

bool is_test_field(const std::string& name) { return name.starts_with("test_"); }

// The record's test_* fields from the line's JSON (the confusion matrix is not a metric point); when
// the line has a NaN or infinity strict JSON refuses, its finite numeric test_* points.
nlohmann::json test_fields(std::string_view line, const MetricRecord& record) {
  nlohmann::json fields = nlohmann::json::object();
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_object()) {
    for (const auto& [name, value] : object.items()) {
      if (is_test_field(name)) fields[name] = value;
    }
  } else {
    for (const auto& point : record.points) {
      if (is_test_field(point.name)) fields[point.name] = point.value;
    }
  }
  return fields;
}

// "retrain: epoch 3/10 val_acc 0.871", and the test metrics once they come.
std::string progress_line(const MetricRecord& record, const std::string& metric,
                          const std::optional<std::int64_t>& epochs) {
  // A W&B-style script counts `_step` from 0 and may log its own `epoch`: that is the one to show.
  const results::MetricPoint* epoch = find_point(record, "epoch");
  const std::int64_t shown = epoch ? static_cast<std::int64_t>(epoch->value) : record.step;
  std::string text = "retrain: " + (epochs ? "epoch " + std::to_string(shown) + "/" + std::to_string(*epochs)
                                           : "step " + std::to_string(shown));
  for (const std::string& name : {metric, std::string("test_acc"), std::string("test_loss")}) {
    if (const results::MetricPoint* point = find_point(record, name)) {
      text += " " + name + " " + results::format_number(point->value);
    }
  }
  if (record.diverged) text += " (diverged)";
  return text;
}

// Runs the command to its end, streaming its records as progress and its stderr through. The first
// SIGINT/SIGTERM stops it (SIGTERM, then SIGKILL after the grace); a second kills it at once.
RetrainRun run_child(const TrialCommand& command, const RetrainTarget& target, const RetrainOptions& options,
                     std::ostream& progress) {
  RetrainRun run;
  run.started_at = unix_now();
  const auto started = std::chrono::steady_clock::now();
  const std::optional<std::int64_t> epochs = configured_epochs(target);

  boost::asio::io_context io;
  LocalLauncher launcher(io);
  boost::asio::signal_set stop_signals(io, SIGINT, SIGTERM);
  std::unique_ptr<RunningTrial> child;
  int stop_requests = 0;
  std::function<void()> wait_for_stop;
  wait_for_stop = [&] {
    stop_signals.async_wait([&](const boost::system::error_code& error, int) {
      if (error) return;  // cancelled: the child has ended
      run.interrupted = true;
      if (++stop_requests == 1) {
        progress << "retrain: interrupted: stopping the trainer (interrupt again to kill it now)\n" << std::flush;
        child->terminate(options.grace);
      } else {
        progress << "retrain: killing the trainer\n" << std::flush;
        child->kill();
      }
      wait_for_stop();
    });
  };
  wait_for_stop();

  const auto on_stdout = [&](std::string_view line) {
    std::optional<MetricRecord> record = parse_metric_line(line, run.records + 1);
    if (!record) {
      progress << line << "\n" << std::flush;  // the trainer's log, like its stderr
      return;
    }
    ++run.records;
    if (record->points.empty()) return;  // a summary-only line (`_summary`): nothing to show or rank
    progress << progress_line(*record, options.query.metric, epochs) << "\n" << std::flush;
    if (const results::MetricPoint* point = find_point(*record, options.query.metric)) run.series[record->step] = point->value;
    run.test = test_fields(line, *record);
    run.last = std::move(record);
  };
  const auto on_stderr = [&](std::string_view line) { progress << line << "\n" << std::flush; };
  const auto on_exit = [&](const TrialExit& exit) {
    run.exit = exit;
    boost::system::error_code ignored;
    stop_signals.cancel(ignored);
  };
  child = launcher.start(command, TrialCallbacks{on_stdout, on_stderr, on_exit, nullptr});
  io.run();
  run.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

nlohmann::json retrain_json(const TrialCommand& command, const RetrainRun& run) {
  nlohmann::json last = nlohmann::json::object();
  if (run.last) {
    last["step"] = run.last->step;
    for (const auto& point : run.last->points) last[point.name] = point.value;
  }
  nlohmann::json record = {{"command", command.argv},
                           {"exit_code", run.exit.exit_code ? nlohmann::json(*run.exit.exit_code) : nlohmann::json()},
                           {"exit", run.exit.describe()},
                           {"started_at", run.started_at},
                           {"duration_s", run.duration_s},
                           {"last", last}};
  if (run.exit.signal) record["signal"] = *run.exit.signal;
  return record;
}

// Into the best trial's summary: the test_* fields when the run succeeded, and the run itself (even
// when it failed, so its exit is on record). No trial row and no metric point is added, so the
// trial's rank does not change.
void store_results(const std::string& db_path, const RetrainTarget& target, const nlohmann::json& retrain,
                   const RetrainRun& run) {
  std::vector<std::pair<std::string, std::string>> values;
  if (run.exit.succeeded()) {
    for (const auto& [name, value] : run.test.items()) values.emplace_back(name, results::json_text(value));
  }
  values.emplace_back("retrain", results::json_text(retrain));
  results::ResultStore store = results::ResultStore::open_existing(db_path);
  store.set_summary(target.trial.id, values);
}

// "test_acc 0.8923  test_loss 0.31": the scalar test metrics, accuracy and loss first.
std::string test_metrics_text(const nlohmann::json& test) {
  std::vector<std::string> names;
  for (const auto& [name, value] : test.items()) {
    if (value.is_number()) names.push_back(name);
  }
  const auto rank = [](const std::string& name) { return name == "test_acc" ? 0 : name == "test_loss" ? 1 : 2; };
  std::stable_sort(names.begin(), names.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::string text;
  for (const std::string& name : names) {
    text += (text.empty() ? "" : "  ") + name + " " + results::format_number(test[name].get<double>());
  }
  return text;
}

// How the retrain compares with the ranked trial, and which network it kept (what --test measured).
struct RetrainComparison {
  std::optional<double> value_at_ranked_step;  // the retrain's metric at the step the trial was ranked by
  bool identical = false;                      // every step of the metric equal to the trial's, bit for bit
  std::optional<std::int64_t> kept_epoch;      // the program's "best_epoch": it kept that epoch's network
  std::optional<double> kept_value;            // the metric of the kept network (best_<metric>, else the last)
};

RetrainComparison compare(const RetrainTarget& target, const RetrainRun& run, const std::string& metric) {
  RetrainComparison comparison;
  if (const auto found = run.series.find(target.ranked.step); found != run.series.end())
    comparison.value_at_ranked_step = found->second;
  comparison.identical = !run.series.empty() && run.series == target.trial_series;
  if (!run.last) return comparison;
  if (const results::MetricPoint* epoch = find_point(*run.last, "best_epoch"))
    comparison.kept_epoch = static_cast<std::int64_t>(epoch->value);
  const results::MetricPoint* kept = find_point(*run.last, comparison.kept_epoch ? "best_" + metric : metric);
  if (kept) comparison.kept_value = kept->value;
  return comparison;
}

std::string optional_text(const std::optional<double>& value) {
  return value ? results::format_number(*value) : std::string("-");
}

// The side-by-side view a user takes home: the value the sweep ranked, what the retrain measured at the
// same step, and the network it kept (the one --test and --save-model used).
std::string comparison_text(const RetrainTarget& target, const RetrainRun& run, const RetrainComparison& c,
                            const std::string& metric) {
  std::ostringstream text;
  const std::string step = " at step " + std::to_string(target.ranked.step);
  text << "  ranked " << metric << step << ":      " << results::format_number(target.ranked.value) << "\n"
       << "  retrained " << metric << step << ":   " << optional_text(c.value_at_ranked_step)
       << (c.identical ? "  (every step identical, bit for bit)"
                       : c.value_at_ranked_step ? "  (not bit for bit: threads, data or program changed?)" : "")
       << "\n";
  if (c.kept_epoch) {
    text << "  kept network:                epoch " << *c.kept_epoch << ", " << metric << " " << optional_text(c.kept_value)
         << "\n";
  } else if (run.last) {
    text << "  kept network:                the last step's (" << run.last->step << "), " << metric << " "
         << optional_text(c.kept_value) << "\n";
    if (c.kept_value && *c.kept_value != target.ranked.value) {
      text << "  note: the program kept its last epoch, not the ranked one; the trainer keeps the ranked epoch with "
              "--keep-best " << metric << " (in the spec: keep-best: {value: " << metric << "})\n";
    }
  }
  if (!run.test.empty()) text << "  test:                        " << test_metrics_text(run.test) << "\n";
  return text.str();
}

nlohmann::json comparison_json(const RetrainTarget& target, const RetrainComparison& c) {
  nlohmann::json json = {{"ranked_value", target.ranked.value},
                         {"ranked_step", target.ranked.step},
                         {"value_at_ranked_step", c.value_at_ranked_step ? nlohmann::json(*c.value_at_ranked_step) : nlohmann::json()},
                         {"identical", c.identical}};
  json["kept_epoch"] = c.kept_epoch ? nlohmann::json(*c.kept_epoch) : nlohmann::json();
  json["kept_value"] = c.kept_value ? nlohmann::json(*c.kept_value) : nlohmann::json();
  return json;
}

int run_retrain(const RetrainOptions& options, const std::string& db_path, std::ostream& out,
                std::ostream& progress) {
  const RetrainTarget target = find_target(options, db_path);
  const TrialCommand command = retrain_command(target, options, progress);
  if (!options.query.json) out << target.best_output << std::flush;
  progress << "retrain: trial " << target.trial.number << " of sweep " << target.sweep.name << ": "
           << results::shell_join(command.argv) << "\n"
           << std::flush;

  const RetrainRun run = run_child(command, target, options, progress);
  const std::string ended = run.exit.describe() + " after " + results::format_duration(run.duration_s);
  if (run.interrupted) {
    progress << "retrain: interrupted (" << ended << "); nothing was stored\n";
    return kInterrupted;
  }
  const RetrainComparison comparison = compare(target, run, options.query.metric);
  nlohmann::json retrain = retrain_json(command, run);
  retrain["comparison"] = comparison_json(target, comparison);
  store_results(db_path, target, retrain, run);

  const bool missing_test = run.exit.succeeded() && options.test && run.test.empty();
  if (options.query.json) {
    nlohmann::json document = nlohmann::json::parse(target.best_output);
    document["retrain"] = retrain;
    document["test"] = run.exit.succeeded() ? run.test : nlohmann::json::object();
    out << results::json_text(document, 2) << "\n";
  } else {
    out << "\nretrained trial " << target.trial.number << ": " << ended << "; stored in its summary (sweep show "
        << target.trial.number << ")\n";
    if (run.exit.succeeded()) out << comparison_text(target, run, comparison, options.query.metric);
  }
  if (!run.exit.succeeded()) {
    progress << "sweep best --retrain: the retrained trial failed: " << ended << " (recorded as retrain.exit_code)\n";
    return kFailure;
  }
  if (missing_test) {
    progress << "sweep best --retrain: --test was given, but the program's last line had no test_* fields; "
                "does it take --test (the trainer's flag to evaluate on the test set)?\n";
    return kFailure;
  }
  return kOk;
}

}  // namespace

int retrain_best(const RetrainOptions& options, const std::string& db_path, std::ostream& out,
                 std::ostream& progress) {
  return run_guarded("sweep best --retrain", progress, [&]() -> int { return run_retrain(options, db_path, out, progress); });
}

}  // namespace orchestrator::cli
