#include "dashboard/http_server.h"

#include <chrono>
#include <iostream>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace dashboard {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;  // the updates' known list rides in the URL
constexpr auto kIdleTimeout = std::chrono::seconds(30);

// Headers every response carries: no sniffing, no caching, no framing, no referrer to other sites.
void secure(http::response<http::string_body>& response, bool html) {
  response.set("X-Content-Type-Options", "nosniff");
  response.set(http::field::cache_control, "no-store");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  if (html) {
    response.set("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Api& api, bool loopback) : stream_(std::move(socket)), api_(api), loopback_(loopback) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(0);  // GET and HEAD only: a request body is refused
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::end_of_stream) return close();
    if (error) {
      // A malformed or oversized request gets an answer; a dropped or timed-out connection just ends.
      if (error == http::error::header_limit) return reply_error(http::status::request_header_fields_too_large);
      if (error == http::error::body_limit || error == http::error::unexpected_body)
        return reply_error(http::status::payload_too_large);
      return;
    }
    const auto& request = parser_->get();
    response_ = std::make_shared<http::response<http::string_body>>();
    response_->version(request.version());
    response_->keep_alive(request.keep_alive());
    response_->set(http::field::server, "sweep-dashboard");
    if (loopback_ && !loopback_host_name(std::string(request[http::field::host]))) {
      response_->result(http::status::misdirected_request);
      response_->set(http::field::content_type, "application/json");
      response_->body() = R"({"error":"this dashboard answers only requests for localhost or 127.0.0.1"})";
      secure(*response_, false);
      response_->prepare_payload();
      return write();
    }
    // The answer may come from the model worker's thread: dispatch hands it back to this connection's
    // strand, and runs it at once when it comes on the strand already (every other answer), so those
    // do not queue again behind the other connections.
    const bool head = request.method() == http::verb::head;
    api_.handle(std::string(request.method_string()), std::string(request.target()),
                [self = shared_from_this(), head](Response answer) {
                  asio::dispatch(self->stream_.get_executor(), [self, head, answer = std::move(answer)]() mutable {
                    self->respond(std::move(answer), head);
                  });
                });
  }

  void respond(Response answer, bool head) {
    response_->result(static_cast<unsigned>(answer.status));
    response_->set(http::field::content_type, answer.content_type);
    secure(*response_, answer.content_type.starts_with("text/html"));
    if (head) {
      response_->content_length(answer.body.size());
    } else {
      response_->body() = std::move(answer.body);
      response_->prepare_payload();
    }
    write();
  }

  void reply_error(http::status status) {
    response_ = std::make_shared<http::response<http::string_body>>(status, 11);
    response_->set(http::field::content_type, "application/json");
    response_->body() = R"({"error":"malformed or oversized request"})";
    response_->keep_alive(false);
    secure(*response_, false);
    response_->prepare_payload();
    write();
  }

  void write() {
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return;  // the client went away: only this connection ends
      if (!self->response_->keep_alive()) return self->close();
      self->response_.reset();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  Api& api_;
  bool loopback_;
};

}  // namespace

bool loopback_host_name(const std::string& host_header) {
  std::string host = host_header;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

struct HttpServer::Listener : std::enable_shared_from_this<HttpServer::Listener> {
  Listener(asio::io_context& io_context, Api& served, const tcp::endpoint& endpoint)
      : io(io_context), api(served), acceptor(io_context) {
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    loopback = endpoint.address().is_loopback();
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [self = shared_from_this()](beast::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted || !self->acceptor.is_open()) return;
      if (!error) std::make_shared<Session>(std::move(socket), self->api, self->loopback)->start();
      self->accept();
    });
  }

  asio::io_context& io;
  Api& api;
  tcp::acceptor acceptor;
  bool loopback = true;
};

HttpServer::HttpServer(asio::io_context& io, Api& api, const ServerOptions& options)
    : listener_(std::make_shared<Listener>(io, api, tcp::endpoint(asio::ip::make_address(options.host), options.port))) {}

HttpServer::~HttpServer() { stop(); }

tcp::endpoint HttpServer::endpoint() const { return listener_->acceptor.local_endpoint(); }

void HttpServer::start() { listener_->accept(); }

void HttpServer::stop() {
  beast::error_code ignored;
  listener_->acceptor.close(ignored);
}

}  // namespace dashboard
