// HttpServer: HTTP/1.1 on one Asio thread (Boost.Beast), answering every request through Api. Requests
// are bounded (no body, small headers), each connection times out when idle, and a client that goes away
// mid-response only ends its own connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "dashboard/api.h"

namespace dashboard {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests)
};

class HttpServer {
 public:
  // Binds and listens (throws boost::system::system_error when the address is taken or invalid).
  HttpServer(boost::asio::io_context& io, Api& api, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The address it listens on (the real port when options.port was 0).
  boost::asio::ip::tcp::endpoint endpoint() const;
  // Starts accepting; the io_context's run() then serves until stop().
  void start();
  void stop();

 private:
  struct Listener;
  std::shared_ptr<Listener> listener_;
};

// Whether requests naming this host (the Host header, without its port) may be answered when the
// server listens on a loopback address: only names of this machine, so a web page elsewhere cannot
// reach the dashboard through a name it points at 127.0.0.1 (DNS rebinding).
bool loopback_host_name(const std::string& host_header);

}  // namespace dashboard
