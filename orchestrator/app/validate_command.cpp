// `sweep validate SPEC [--json]`: parses a spec, prints its parameter space, grid size and an
// example trial command, or refuses it with the same message `sweep run` would. Writes nothing.
#include <iostream>
#include <memory>
#include <random>

#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"
#include "orchestrator/spec/command_line.h"
#include "orchestrator/launch/launcher_registry.h"
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/distribution.h"
#include "orchestrator/spec/sweep_spec.h"
#include "results/params.h"
#include "results/text_format.h"

namespace orchestrator::cli {
namespace {

using nlohmann::json;

struct ValidateOptions {
  std::string spec_path;
  bool json = false;
};

// What `validate` reports about a spec that parsed.
struct Report {
  SweepSpec spec;
  std::string program_path;  // empty if the command does not use ${program}, or there is no program
  std::string not_runnable;  // why `sweep run` would refuse it and what to add; empty if it can run
  std::optional<std::uint64_t> grid_points;
  Config example;
  std::vector<std::string> example_argv;
};

Report make_report(const std::string& path) {
  Report report{load_sweep_spec(path), "", "", std::nullopt, {}, {}};
  const SweepSpec& spec = report.spec;
  const ParameterSpace space(spec);
  report.grid_points = space.grid_size();
  std::mt19937_64 rng(spec.seed);
  report.example = spec.method == "grid" ? space.grid_point(0) : space.sample(rng);
  // W&B accepts a spec without program (in-script sweeps): valid, but say how it can be run.
  report.not_runnable = program_missing_reason(spec);
  if (command_uses_program(spec.command) && report.not_runnable.empty()) report.program_path = resolve_program(spec);
  launcher_factory(spec);  // refuses what `sweep run` would: a bad slurm: block, missing srun
  report.example_argv =
      build_command(spec, report.not_runnable.empty() ? report.program_path : "${program}", report.example);
  return report;
}

json report_json(const Report& report) {
  const SweepSpec& spec = report.spec;
  json out = {{"valid", true},         {"source", spec.source},   {"name", spec.name},
              {"description", spec.description}, {"hash", spec.hash}, {"method", spec.method},
              {"program", spec.program}, {"program_path", report.program_path}, {"command", spec.command},
              {"workers", spec.workers}, {"threads_per_trial", spec.threads_per_trial},
              {"retries", spec.retries}, {"seed", spec.seed},     {"launcher", spec.launcher},
              {"runnable", report.not_runnable.empty()}, {"warnings", spec.warnings}};
  if (!report.not_runnable.empty()) out["how_to_run"] = report.not_runnable;
  out["bayes"] = {{"acquisition", spec.bayes.acquisition}};
  if (spec.bayes.ucb_beta) out["bayes"]["ucb_beta"] = *spec.bayes.ucb_beta;
  out["metric"] = nullptr;
  if (spec.metric) {
    out["metric"] = {{"name", spec.metric->name}, {"goal", spec.metric->maximize ? "maximize" : "minimize"}};
    if (spec.metric->target) out["metric"]["target"] = *spec.metric->target;
  }
  out["run_cap"] = spec.run_cap ? json(*spec.run_cap) : json();
  out["timeout_seconds"] = spec.timeout_seconds ? json(*spec.timeout_seconds) : json();
  out["early_terminate"] = nullptr;
  if (const auto& stop = spec.early_terminate) {
    out["early_terminate"] = {{"type", stop->type}, {"eta", stop->eta}, {"strict", stop->strict}};
    if (stop->min_iter) out["early_terminate"]["min_iter"] = *stop->min_iter;
    if (stop->max_iter) out["early_terminate"]["max_iter"] = *stop->max_iter;
    if (stop->s > 0) out["early_terminate"]["s"] = stop->s;
  }
  if (!spec.slurm.is_null()) out["slurm"] = spec.slurm;
  out["parameters"] = json::array();
  for (const ParameterSpec& p : spec.parameters) out["parameters"].push_back(spec::parameter_json(p));
  out["grid_points"] = report.grid_points ? json(*report.grid_points) : json();
  out["example_config"] = report.example;
  out["example_argv"] = report.example_argv;
  return out;
}

void print_text(const Report& report, std::ostream& out) {
  const json j = report_json(report);
  const SweepSpec& spec = report.spec;
  out << "spec        " << spec.source << " (valid, sha256 " << spec.hash.substr(0, 12) << ")\n";
  out << "name        " << spec.name << (spec.description.empty() ? "" : " - " + spec.description) << "\n";
  out << "method      " << spec.method << "\n";
  out << "metric      " << (spec.metric ? j["metric"]["name"].get<std::string>() + " (" +
                                              j["metric"]["goal"].get<std::string>() + ")" +
                                              (spec.metric->target ? ", target " + j["metric"]["target"].dump() : "")
                                        : std::string("none")) << "\n";
  out << "run_cap     " << (spec.run_cap ? std::to_string(*spec.run_cap) : "none (grid: until exhausted)") << "\n";
  if (const auto& stop = spec.early_terminate) {
    out << "early stop  " << stop->type;
    if (stop->min_iter) out << " min_iter=" << *stop->min_iter;
    if (stop->max_iter) out << " max_iter=" << *stop->max_iter << " s=" << stop->s;
    out << " eta=" << format_arg_value(stop->eta) << " strict=" << (stop->strict ? "true" : "false") << "\n";
  } else {
    out << "early stop  none\n";
  }
  out << "workers     " << (spec.workers == 0 ? std::string("number of cores") : std::to_string(spec.workers))
      << ", threads_per_trial " << spec.threads_per_trial << ", timeout "
      << (spec.timeout_seconds ? format_arg_value(*spec.timeout_seconds) + " s" : std::string("none")) << ", retries "
      << spec.retries << ", seed " << spec.seed << ", launcher " << spec.launcher << "\n";
  if (!report.program_path.empty()) out << "program     " << spec.program << " -> " << report.program_path << "\n";
  if (!report.not_runnable.empty()) out << "program     none; valid as W&B accepts it, but " << report.not_runnable << "\n";
  if (spec.method == "bayes") {
    out << "acquisition " << spec.bayes.acquisition
        << (spec.bayes.ucb_beta ? " (ucb_beta " + format_arg_value(*spec.bayes.ucb_beta) + ")" : std::string()) << "\n";
  }
  std::string command;
  for (const std::string& element : spec.command) command += element + " ";
  out << "command     " << command << "\n";
  out << "parameters  " << spec.parameters.size() << "\n";
  std::size_t width = 0;
  for (const ParameterSpec& p : spec.parameters) width = std::max(width, p.name().size());
  for (const ParameterSpec& p : spec.parameters) {
    const std::string name = p.name();
    const std::string_view distribution = distribution_name(p.distribution);
    out << "  " << name << std::string(width + 2 - name.size(), ' ') << distribution
        << std::string(distribution.size() < 24 ? 24 - distribution.size() : 1, ' ') << spec::range_text(p) << "\n";
  }
  out << "grid points " << (report.grid_points ? std::to_string(*report.grid_points) : "not grid-able (continuous parameters)")
      << "\n";
  out << "example     " << results::shell_join(report.example_argv) << "\n";  // pastes as is, as `show` prints
}

int run_validate(const ValidateOptions& options) {
  // Whatever stops a spec from validating is a refusal of the spec: exit 2, as `sweep run` would refuse it.
  const int code = run_guarded("sweep: refused: " + options.spec_path, std::cerr, [&]() -> int {
    const Report report = make_report(options.spec_path);
    if (options.json) {
      std::cout << results::json_text(report_json(report), 2) << "\n";
    } else {
      print_text(report, std::cout);
    }
    return kOk;
  });
  return code == kOk ? kOk : kUsage;
}

}  // namespace

void add_validate_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a sweep spec: print its parameter space, grid size and an example trial command. "
                  "Writes nothing. Exit 0 if valid, 2 if refused (the reason on stderr).");
  command->add_option("spec", options->spec_path, "The sweep spec (W&B sweep YAML)")->required();
  command->add_flag("--json", options->json, "Print the parsed spec as JSON");
  command->callback([options, &context] { context.exit_code = run_validate(*options); });
}

}  // namespace orchestrator::cli
