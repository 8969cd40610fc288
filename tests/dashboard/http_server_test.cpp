// HttpServer over real sockets: headers, refusals, a client that disconnects mid-response, and many
// clients at once.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "dashboard/http_server.h"
#include "tests/dashboard/dashboard_fixture.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using dashboard_test::LiveSweep;

// A server on an ephemeral loopback port, served by its own thread for the test's lifetime. io outlives
// api, as in run_dashboard: the model worker may post answers to it until api is gone.
struct RunningServer {
  explicit RunningServer(const std::string& db) : api(db), server(io, api, {"127.0.0.1", 0}) {
    server.start();
    thread = std::thread([this] { io.run(); });
  }
  ~RunningServer() {
    asio::post(io, [this] { server.stop(); io.stop(); });
    thread.join();
  }
  unsigned short port() const { return server.endpoint().port(); }

  asio::io_context io;
  dashboard::Api api;
  dashboard::HttpServer server;
  std::thread thread;
};

http::response<http::string_body> get(unsigned short port, const std::string& target,
                                      const std::string& host = "127.0.0.1") {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, host);
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response);
  return response;
}

std::string raw_exchange(unsigned short port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(bytes));
  std::string reply;
  beast::error_code error;
  char chunk[4096];
  for (;;) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), error);
    reply.append(chunk, n);
    if (error) break;
  }
  return reply;
}

}  // namespace

TEST_CASE("responses carry their type, nosniff and no-store; the page a strict CSP") {
  LiveSweep sweep;
  RunningServer server(sweep.db);
  const auto page = get(server.port(), "/");
  CHECK(page.result_int() == 200);
  CHECK(page[http::field::content_type] == "text/html; charset=utf-8");
  CHECK(page["X-Content-Type-Options"] == "nosniff");
  CHECK(page[http::field::cache_control] == "no-store");
  CHECK(std::string(page["Content-Security-Policy"]).find("default-src 'none'") != std::string::npos);
  const auto api = get(server.port(), "/api/sweeps");
  CHECK(api.result_int() == 200);
  CHECK(api[http::field::content_type] == "application/json");
  CHECK(get(server.port(), "/nothing-here").result_int() == 404);
  CHECK(get(server.port(), "/", "localhost:1234").result_int() == 200);
}

TEST_CASE("a request naming another host is refused (DNS rebinding), as are bodies and huge headers") {
  LiveSweep sweep;
  RunningServer server(sweep.db);
  CHECK(get(server.port(), "/api/sweeps", "evil.example:8080").result_int() == 421);
  CHECK(dashboard::loopback_host_name("[::1]:8080"));
  CHECK_FALSE(dashboard::loopback_host_name("127.0.0.1.evil.example"));
  const std::string with_body =
      "POST /api/sweeps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";
  CHECK(raw_exchange(server.port(), with_body).starts_with("HTTP/1.1 413"));
  const std::string huge = "GET /" + std::string(70 * 1024, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  CHECK(raw_exchange(server.port(), huge).starts_with("HTTP/1.1 431"));
  CHECK(get(server.port(), "/api/sweeps").result_int() == 200);  // still serving
}

TEST_CASE("clients that disconnect mid-response leave the server serving the others") {
  LiveSweep sweep;
  for (int trial = 1; trial <= 200; ++trial) sweep.epochs(sweep.start(trial), trial, 1, 50);  // a model of ~0.5 MB
  RunningServer server(sweep.db);
  const std::string model = "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/model";
  for (int i = 0; i < 20; ++i) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
    asio::write(socket, asio::buffer("GET " + model + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    char first[512];
    socket.read_some(asio::buffer(first));  // the response has started...
    socket.close();                          // ...and the client is gone
  }
  const auto after = get(server.port(), model);
  CHECK(after.result_int() == 200);
  CHECK(after.body().size() > 100'000);
}

TEST_CASE("50 clients polling at once are all answered") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 5);
  RunningServer server(sweep.db);
  const std::string updates = "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/updates?since=0";
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 50; ++c) {
    clients.emplace_back([&] {
      asio::io_context io;
      beast::tcp_stream stream(io);
      stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
      for (int i = 0; i < 10; ++i) {  // one keep-alive connection each, as a browser polls
        http::request<http::empty_body> request(http::verb::get, updates, 11);
        request.set(http::field::host, "127.0.0.1");
        http::write(stream, request);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(stream, buffer, response);
        (response.result_int() == 200 && response.body().find("\"points\"") != std::string::npos ? ok : bad)++;
      }
    });
  }
  for (auto& client : clients) client.join();
  CHECK(ok == 500);
  CHECK(bad == 0);
}
