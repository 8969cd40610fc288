// The query subcommands: ls, best, trials, show, export. They open an existing database (never
// creating one), so they run safely beside a `sweep run` that is writing to it. All are read-only
// but `best --retrain`, which adds to the best trial's summary.
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"
#include "results/queries.h"
#include "orchestrator/app/query_output.h"
#include "orchestrator/app/retrain_best.h"
#include "results/export.h"
#include "results/result_store.h"

namespace orchestrator::cli {

namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  ok\n"
    "  1  failed otherwise (e.g. the -o file cannot be written)\n"
    "  2  bad command line\n"
    "  3  no such sweep, trial or metric (the message lists what exists)\n"
    "  4  no database at --db (none is created), or it is unreadable or from a newer sweep\n";

using QueryBody = std::function<void(const results::ResultStore&, std::ostream&)>;

// Opens the database, runs the query into a buffer, and prints it only if the query succeeded, so a
// failure never leaves half a table on stdout. Sets the exit code for each kind of failure.
void run_query(CommandContext& context, const std::string& command, const QueryBody& body) {
  context.exit_code = run_guarded("sweep " + command, std::cerr, [&]() -> int {
    const results::ResultStore store = results::ResultStore::open_existing(context.db_path);
    std::ostringstream out;
    body(store, out);
    std::cout << out.str() << std::flush;
    return kOk;
  });
}

CLI::App* add_query_subcommand(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* command = app.add_subcommand(name, description);
  command->fallthrough();  // `sweep best --metric m --db other.db` reaches the global --db
  command->footer(kExitCodes);
  return command;
}

void add_sweep_option(CLI::App& command, std::optional<std::string>& sweep) {
  command.add_option("--sweep", sweep, "Sweep name (default: the most recently written sweep)");
}

void add_ls(CLI::App& app, CommandContext& context) {
  auto json = std::make_shared<bool>(false);
  CLI::App* command = add_query_subcommand(app, "ls", "List sweeps with their trials counted by state and their best");
  command->add_flag("--json", *json, "Print JSON for scripts");
  command->callback([&context, json] {
    run_query(context, "ls", [&](const auto& store, auto& out) { print_sweeps(out, store, *json); });
  });
}

void add_best(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RetrainOptions>();
  auto retrain = std::make_shared<bool>(false);
  CLI::App* command = add_query_subcommand(
      app, "best", "The best trials by a metric: parameters, metrics, and trainer flags ready to paste");
  command->footer(std::string(kExitCodes) +
                  "With --retrain: 1 also when the retrained trial failed or was killed, 2 when its program is not "
                  "found, 130 when interrupted (nothing is stored)\n");
  command->add_option("--metric", options->query.metric, "Metric to rank by (e.g. val_acc)")->required();
  add_sweep_option(*command, options->sweep);
  CLI::Option* top = command->add_option("--top", options->query.top, "How many trials to show")
                         ->check(CLI::PositiveNumber)
                         ->capture_default_str();
  command->add_option("--goal", options->query.goal,
                      "maximize or minimize (default: the sweep's goal for its own metric, else maximize)")
      ->check(CLI::IsMember({"maximize", "minimize"}));
  command->add_flag("--json", options->query.json, "Print JSON for scripts");
  CLI::Option* retrain_flag =
      command
          ->add_flag("--retrain", *retrain,
                     "Run the best trial's configuration again (the same argv) and store its last record and exit "
                     "in that trial's summary; Ctrl-C stops it")
          ->excludes(top);
  command->add_flag("--test", options->test,
                    "With --retrain: pass --test, so the trainer also evaluates on the test set; stores test_acc, "
                    "test_loss and test_confusion")
      ->needs(retrain_flag);
  command->add_option("--spec", options->spec_path,
                      "With --retrain: the sweep's spec file, to find a program given relative to it (the "
                      "database does not keep the spec's directory)")
      ->needs(retrain_flag);
  command->callback([&context, options, retrain] {
    if (*retrain) {
      context.exit_code = retrain_best(*options, context.db_path, std::cout, std::cerr);
      return;
    }
    run_query(context, "best", [&](const auto& store, auto& out) {
      print_best(out, store, resolve_sweep(store, options->sweep), options->query);
    });
  });
}

void add_trials(CLI::App& app, CommandContext& context) {
  struct Options {
    std::optional<std::string> sweep;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_query_subcommand(app, "trials", "Every trial of a sweep: number, state, parameters, last and best metrics");
  add_sweep_option(*command, options->sweep);
  command->add_flag("--json", options->json, "Print JSON for scripts");
  command->callback([&context, options] {
    run_query(context, "trials", [&](const auto& store, auto& out) {
      print_trials(out, store, resolve_sweep(store, options->sweep), options->json);
    });
  });
}

void add_show(CLI::App& app, CommandContext& context) {
  struct Options {
    int trial = 0;
    std::optional<std::string> sweep;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_query_subcommand(
      app, "show", "Everything about one trial: state, times, parameters, metric history, log tail");
  command->add_option("TRIAL", options->trial, "Trial number (its latest attempt is shown)")
      ->required()
      ->check(CLI::PositiveNumber);
  add_sweep_option(*command, options->sweep);
  command->add_flag("--json", options->json, "Print JSON for scripts");
  command->callback([&context, options] {
    run_query(context, "show", [&](const auto& store, auto& out) {
      print_trial(out, store, resolve_sweep(store, options->sweep), options->trial, options->json);
    });
  });
}

void add_export(CLI::App& app, CommandContext& context) {
  struct Options {
    std::string format;
    std::optional<std::string> sweep;
    std::optional<std::string> output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_query_subcommand(
      app, "export", "A sweep's trials as CSV (params flattened into columns) or JSON, with last/min/max metrics; "
                     "or, as YAML, the spec it runs");
  command->add_option("--format", options->format, "csv or json (the trials), or yaml (the spec: `sweep run` of it "
                                                    "continues this same sweep)")
      ->required()
      ->check(CLI::IsMember({"csv", "json", "yaml"}));
  add_sweep_option(*command, options->sweep);
  command->add_option("-o,--output", options->output, "File to write (default: standard output)");
  command->callback([&context, options] {
    run_query(context, "export", [&](const auto& store, auto& out) {
      const results::SweepRecord sweep = resolve_sweep(store, options->sweep);
      const auto trials = store.trial_summaries(sweep.id);
      const auto summaries = results::read_summaries(store, trials);
      std::ofstream file;
      if (options->output) {
        file.open(*options->output, std::ios::binary);
        if (!file) throw std::runtime_error("cannot open '" + *options->output + "' for writing");
      }
      std::ostream& target = options->output ? static_cast<std::ostream&>(file) : out;
      if (options->format == "yaml") {
        target << sweep.spec_text;  // the text as run, so its hash is the sweep's: no conflict, it resumes
      } else if (options->format == "csv") {
        results::write_csv_export(target, sweep, trials, summaries);
      } else {
        results::write_json_export(target, sweep, trials, summaries);
      }
      if (options->output && !file.flush()) throw std::runtime_error("cannot write '" + *options->output + "'");
    });
  });
}

}  // namespace

void add_query_commands(CLI::App& app, CommandContext& context) {
  add_ls(app, context);
  add_best(app, context);
  add_trials(app, context);
  add_show(app, context);
  add_export(app, context);
}

}  // namespace orchestrator::cli
