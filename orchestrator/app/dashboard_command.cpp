// `sweep dashboard`: serves the live dashboard of results.db's sweeps (dashboard/dashboard.h).
#include <iostream>
#include <memory>

#include "dashboard/dashboard.h"
#include "orchestrator/app/command_errors.h"
#include "orchestrator/app/commands.h"

namespace orchestrator::cli {

void add_dashboard_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<dashboard::DashboardOptions>();
  CLI::App* command = app.add_subcommand(
      "dashboard", "Serve a live web page of the sweeps in the database: it updates as trials report");
  command->fallthrough();  // `sweep dashboard --db other.db` reaches the global --db
  command->add_option("--port", options->server.port, "TCP port to listen on (0: any free port)")->capture_default_str();
  command->add_option("--host", options->server.host,
                      "Address to listen on; anything but a loopback address is reachable from other machines")
      ->capture_default_str();
  command->add_option("--metric", options->api.metric, "Metric to plot and rank by (default: each sweep's metric)");
  command->add_option("--goal", options->api.goal,
                      "maximize or minimize (default: the sweep's goal for its own metric, else maximize)")
      ->check(CLI::IsMember({"maximize", "minimize"}));
  command->footer(
      "The database is opened read-only: the dashboard never delays a running sweep's writes.\n"
      "With --metric, a sweep whose trials never recorded it shows why, naming the metrics they did.\n"
      "Exit codes:\n"
      "  0  stopped by Ctrl-C or SIGTERM\n"
      "  1  the address could not be listened on\n"
      "  2  bad command line\n"
      "  4  no database at --db (none is created), or it is unreadable or from a newer sweep\n");
  command->callback([&context, options] {
    context.exit_code = run_guarded("sweep dashboard", std::cerr, [&]() -> int {
      options->db_path = context.db_path;
      return dashboard::run_dashboard(*options, std::cout, std::cerr);
    });
  });
}

}  // namespace orchestrator::cli
