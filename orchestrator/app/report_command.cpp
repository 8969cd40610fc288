// `sweep report`: writes a sweep's self-contained HTML report from results.db: the dashboard's page
// (dashboard/static_page.h) with the sweep's model embedded, written by report/report_file.h.
#include <iostream>
#include <memory>

#include "dashboard/static_page.h"
#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"
#include "report/html_report.h"
#include "report/report_file.h"
#include "report/report_json.h"

namespace orchestrator::cli {

void add_report_command(CLI::App& app, CommandContext& context) {
  auto request = std::make_shared<report::ReportRequest>();
  CLI::App* command = app.add_subcommand(
      "report", "Write a sweep's report: one self-contained HTML file with its charts, test results and trials");
  command->fallthrough();  // `sweep report --db other.db` reaches the global --db
  command->add_option("--sweep", request->sweep, "Sweep name (default: the most recently written sweep)");
  command->add_option("--metric", request->metric, "Metric to plot and rank by (default: the sweep's metric)");
  command->add_option("--goal", request->goal,
                      "maximize or minimize (default: the sweep's goal for its own metric, else maximize)")
      ->check(CLI::IsMember({"maximize", "minimize"}));
  command->add_option("-o,--output", request->output, "HTML file to write")->capture_default_str();
  command->footer(
      "Exit codes:\n"
      "  0  ok\n"
      "  1  the report could not be written\n"
      "  2  bad command line\n"
      "  3  no such sweep or metric (the message lists what exists)\n"
      "  4  no database at --db (none is created), or it is unreadable or from a newer sweep\n");
  command->callback([&context, request] {
    context.exit_code = run_guarded("sweep report", std::cerr, [&]() -> int {
      const results::ResultStore store = results::ResultStore::open_existing(context.db_path);
      // The dashboard's page with the model embedded (one page for both), and the SVG sections as its
      // fallback for readers that run no script.
      const report::WrittenReport written =
          report::write_report(store, *request, [](const report::ReportModel& model, const std::string& generated_at) {
            return dashboard::render_static_page(report::report_model_json(model, generated_at),
                                                 report::render_html_sections(model));
          });
      std::cout << "wrote " << request->output << " (" << report::size_text(written.bytes) << "): sweep '"
                << written.sweep << "', " << written.trials << " trials\n";
      return kOk;
    });
  });
}

}  // namespace orchestrator::cli
