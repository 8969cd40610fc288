#include "report/report_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "orchestrator/cli/query_lookup.h"
#include "report/html_report.h"
#include "report/report_model.h"
#include "results/result_store.h"
#include "results/text_format.h"

namespace report {

namespace {

namespace cli = orchestrator::cli;

struct Options {
  std::optional<std::string> sweep;
  std::optional<std::string> metric;
  std::optional<std::string> goal;
  std::string output = "report.html";
};

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes next to the target and renames over it, so a reader never sees half a report and a failed
// write leaves an earlier report as it was.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw OutputError("cannot open '" + temporary.string() + "' for writing");
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.flush();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw OutputError("cannot write '" + temporary.string() + "'");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw OutputError("cannot rename '" + temporary.string() + "' to '" + path.string() + "': " + error.message());
  }
}

std::string size_text(std::size_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%zu B", bytes);
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return buffer;
}

int run_report(const cli::CommandContext& context, const Options& options) {
  try {
    const results::ResultStore store = results::ResultStore::open_existing(context.db_path);
    const results::SweepRecord sweep = cli::resolve_sweep(store, options.sweep);
    ReportOptions report_options;
    report_options.metric = options.metric;
    report_options.goal = options.goal;
    const ReportModel model = build_report_model(store, sweep, report_options);
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string page = render_html_report(model, results::format_utc(now));
    write_atomically(options.output, page);
    std::cout << "wrote " << options.output << " (" << size_text(page.size()) << "): sweep '" << sweep.name << "', "
              << model.trial_count << " trials\n";
    return cli::kOk;
  } catch (const cli::NotFoundError& error) {
    std::cerr << "sweep report: " << error.what() << "\n";
    return cli::kNotFound;
  } catch (const results::StoreError& error) {
    std::cerr << "sweep report: " << error.what() << "\n";
    return cli::kDatabase;
  } catch (const std::exception& error) {
    std::cerr << "sweep report: " << error.what() << "\n";
    return cli::kFailure;
  }
}

}  // namespace

void add_report_command(CLI::App& app, orchestrator::cli::CommandContext& context) {
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "report", "Write a sweep's report: one self-contained HTML file with its charts, test results and trials");
  command->fallthrough();  // `sweep report --db other.db` reaches the global --db
  command->add_option("--sweep", options->sweep, "Sweep name (default: the most recently written sweep)");
  command->add_option("--metric", options->metric, "Metric to plot and rank by (default: the sweep's metric)");
  command->add_option("--goal", options->goal,
                      "maximize or minimize (default: the sweep's goal for its own metric, else maximize)")
      ->check(CLI::IsMember({"maximize", "minimize"}));
  command->add_option("-o,--output", options->output, "HTML file to write")->capture_default_str();
  command->footer(
      "Exit codes:\n"
      "  0  ok\n"
      "  1  the report could not be written\n"
      "  2  bad command line\n"
      "  3  no such sweep or metric (the message lists what exists)\n"
      "  4  no database at --db (none is created), or it is unreadable or from a newer sweep\n");
  command->callback([&context, options] { context.exit_code = run_report(context, *options); });
}

}  // namespace report
