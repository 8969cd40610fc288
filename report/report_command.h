// `sweep report`: writes a sweep's self-contained HTML report (report/html_report.h) from results.db.
// Registered on the `sweep` CLI by orchestrator/main.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include "orchestrator/cli/commands.h"

namespace report {

void add_report_command(CLI::App& app, orchestrator::cli::CommandContext& context);

}  // namespace report
