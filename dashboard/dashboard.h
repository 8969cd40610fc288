// `sweep dashboard`: serves the live page of the sweeps in a results.db until Ctrl-C or SIGTERM.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "dashboard/api.h"
#include "dashboard/http_server.h"

namespace dashboard {

struct DashboardOptions {
  std::string db_path = "results.db";
  ServerOptions server;
  ApiOptions api;  // the metric and goal the pages plot
};

// Opens the database (throws results::StoreError when it is missing or unreadable), listens, prints the
// URL on out (and on err a warning when the address is not a loopback one), then serves on this thread
// until a signal; models are built meanwhile on one more thread (dashboard/model_cache.h). on_listening,
// if set, is called with the URL once it listens (tests). Returns 0.
int run_dashboard(const DashboardOptions& options, std::ostream& out, std::ostream& err,
                  const std::function<void(const std::string&)>& on_listening = {});

}  // namespace dashboard
