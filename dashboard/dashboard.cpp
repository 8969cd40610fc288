#include "dashboard/dashboard.h"

#include <csignal>
#include <sstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "dashboard/api.h"
#include "results/result_store.h"

namespace dashboard {

int run_dashboard(const DashboardOptions& options, std::ostream& out, std::ostream& err,
                  const std::function<void(const std::string&)>& on_listening) {
  // Opened once the way every query opens it, which upgrades an older schema; from then on the
  // dashboard reads through a read-only connection only.
  { const results::ResultStore upgrade = results::ResultStore::open_existing(options.db_path); }
  // One serving thread (this one) runs io and is the only user of Api and its read-only connection.
  // io outlives api: the model worker may hand answers to it until api has stopped the worker.
  boost::asio::io_context io;
  Api api(options.db_path, options.api);
  HttpServer server(io, api, options.server);
  const auto endpoint = server.endpoint();
  // Built with a stream: GCC 12 reports a false -Wrestrict on the equivalent chain of string `+`.
  std::ostringstream address_text;
  if (endpoint.address().is_v6()) {
    address_text << '[' << endpoint.address().to_string() << ']';
  } else {
    address_text << endpoint.address().to_string();
  }
  const std::string address = address_text.str();
  std::ostringstream url_text;
  url_text << "http://" << address << ':' << endpoint.port() << '/';
  const std::string url = url_text.str();
  if (!endpoint.address().is_loopback()) {
    err << "sweep dashboard: warning: listening on " << address
        << ", reachable from other machines; anyone who can reach it can read every sweep in " << options.db_path
        << " (there is no login)\n";
  }
  out << "sweep dashboard: " << url << " (" << options.db_path << "; Ctrl-C to stop)" << std::endl;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    server.stop();
    io.stop();
  });
  server.start();
  if (on_listening) on_listening(url);
  io.run();
  out << "sweep dashboard: stopped" << std::endl;
  return 0;
}

}  // namespace dashboard
