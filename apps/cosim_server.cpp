#include "apps/cosim_server.h"

#include <boost/asio.hpp>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <sys/stat.h>

#include "core/embed/cosim_session.h"
#include "kvtier/error.h"

namespace kvtier::cli {

namespace {
namespace asio = boost::asio;
using Tcp = asio::ip::tcp;
using Local = asio::local::stream_protocol;

// A request line longer than this ends the connection (after an error reply): a client
// that sends no newline must not make the server hold gigabytes.
constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;

// What the server closes when it stops: so that every pending operation completes (as
// aborted) while the context still runs, and nothing is left for its destructor.
class Closable {
 public:
  virtual ~Closable() = default;
  virtual void close() = 0;
};

// One client: requests read a line at a time (pipelined requests wait in the buffer),
// each answered before the next is read.
template <class Socket>
class Connection : public Closable, public std::enable_shared_from_this<Connection<Socket>> {
 public:
  Connection(Socket socket, TierModel model, std::function<void()> on_close)
      : socket_(std::move(socket)), buffer_(kMaxLineBytes), session_(std::move(model)), on_close_(std::move(on_close)) {}
  ~Connection() override { on_close_(); }
  void start() { read(); }
  void close() override {
    boost::system::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void read() {
    asio::async_read_until(socket_, buffer_, '\n',
                           [self = this->shared_from_this()](boost::system::error_code ec, std::size_t n) {
                             self->on_read(ec, n);
                           });
  }
  void on_read(boost::system::error_code ec, std::size_t n) {
    if (ec == asio::error::not_found) {  // the buffer filled with no newline
      answer(fmt::format(R"({{"ok":false,"exit_code":65,"error":"a request line is longer than {} bytes"}})",
                         kMaxLineBytes),
             false);
      return;
    }
    const bool last = ec == asio::error::eof;
    if (ec && !last) return;
    if (last) n = buffer_.size();  // a final line without its newline is still a request
    if (n == 0) return;
    const auto begin = asio::buffers_begin(buffer_.data());
    std::string line(begin, begin + static_cast<std::ptrdiff_t>(n));
    buffer_.consume(n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty() && !last) {  // blank lines are ignored, as between JSON lines
      read();
      return;
    }
    answer(session_.handle(line), !last);
  }
  void answer(std::string reply, bool more) {
    reply_ = std::move(reply);
    reply_ += '\n';
    asio::async_write(socket_, asio::buffer(reply_),
                      [self = this->shared_from_this(), more](boost::system::error_code ec, std::size_t) {
                        if (!ec && more) self->read();
                      });
  }

  Socket socket_;
  asio::streambuf buffer_;
  CosimSession session_;
  std::string reply_;
  std::function<void()> on_close_;
};

// Accepts clients until stopped, each with a model of its own. Stopping closes the
// acceptor and every open connection, then calls `on_stop` (which cancels what else
// waits), so that the context's run() returns once they have all wound down.
template <class Protocol>
class Server {
 public:
  Server(asio::io_context& io, const typename Protocol::endpoint& at, TierModelOptions options, bool once,
         std::function<void()> on_stop)
      : acceptor_(io, at), options_(std::move(options)), once_(once), on_stop_(std::move(on_stop)) {}
  typename Protocol::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, typename Protocol::socket socket) {
      if (ec) return;  // the acceptor was closed: the server is stopping
      const auto connection = std::make_shared<Connection<typename Protocol::socket>>(
          std::move(socket), TierModel(options_), [this] { closed(); });
      std::erase_if(open_, [](const std::weak_ptr<Closable>& c) { return c.expired(); });
      open_.push_back(connection);
      connection->start();
      accept();
    });
  }
  void stop() {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (const std::weak_ptr<Closable>& c : open_) {
      if (const auto live = c.lock()) live->close();
    }
    on_stop_();
  }

 private:
  void closed() {
    if (once_) stop();
  }

  typename Protocol::acceptor acceptor_;
  TierModelOptions options_;
  bool once_;
  std::function<void()> on_stop_;
  bool stopping_ = false;
  std::vector<std::weak_ptr<Closable>> open_;
};

struct Endpoint {
  bool tcp = true;
  std::string host;
  unsigned short port = 0;
  std::string path;  // unix
};

Endpoint parse_listen(const std::string& listen) {
  const auto bad = [&](std::string_view why) {
    return Error(ExitCode::kUsage, fmt::format("--listen '{}': {} (tcp:HOST:PORT or unix:PATH)", listen, why));
  };
  Endpoint e;
  if (listen.starts_with("unix:")) {
    e.tcp = false;
    e.path = listen.substr(5);
    if (e.path.empty()) throw bad("no socket path");
    if (e.path.size() >= sizeof(sockaddr_un{}.sun_path)) throw bad("the socket path is too long");
    return e;
  }
  if (!listen.starts_with("tcp:")) throw bad("unknown kind");
  const std::string rest = listen.substr(4);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) throw bad("no HOST:PORT");
  e.host = rest.substr(0, colon);
  // An IPv6 address is written in brackets ([::1]:7070), as in URLs, so that its own
  // colons are not the port's.
  if (e.host.starts_with('[')) {
    if (e.host.size() < 3 || !e.host.ends_with(']')) throw bad("an IPv6 address goes in brackets: tcp:[ADDRESS]:PORT");
    e.host = e.host.substr(1, e.host.size() - 2);
  } else if (e.host.find(':') != std::string::npos) {
    throw bad("an IPv6 address goes in brackets: tcp:[ADDRESS]:PORT");
  }
  const std::string port = rest.substr(colon + 1);
  unsigned long value = 0;
  std::size_t used = 0;
  try {
    value = std::stoul(port, &used);
  } catch (const std::exception&) {
    throw bad("the port is not a number");
  }
  if (used != port.size() || value > 65535) throw bad("the port must be 0 to 65535");
  e.port = static_cast<unsigned short>(value);
  return e;
}

// A Unix socket path left by a server that died: removed; anything else there is not
// ours to remove.
void clear_stale_socket(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return;
  if (!S_ISSOCK(st.st_mode)) {
    throw Error(ExitCode::kUnavailable, fmt::format("--listen unix:{}: exists and is not a socket", path));
  }
  std::filesystem::remove(path);
}
}  // namespace

int serve_command(const ServeArgs& args) {
  TierModelOptions options;
  options.config = args.config;
  options.overrides = args.sets;
  const TierModel probe(options);  // a bad system fails here, before anything listens
  const Endpoint endpoint = parse_listen(args.listen);

  asio::io_context io;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  const char* system = args.config.empty() ? "default" : args.config.c_str();
  // Runs the server until a signal (or, with --once, its first connection's end) stops it.
  const auto serve = [&](auto& server) {
    signals.async_wait([&server](boost::system::error_code ec, int) {
      if (!ec) server.stop();
    });
    server.accept();
    io.run();
  };
  const auto cancel_signals = [&signals] {
    boost::system::error_code ignored;
    signals.cancel(ignored);
  };
  try {
    if (endpoint.tcp) {
      Tcp::resolver resolver(io);
      const auto found = resolver.resolve(endpoint.host, std::to_string(endpoint.port));
      Server<Tcp> server(io, *found.begin(), options, args.once, cancel_signals);
      const Tcp::endpoint bound = server.local_endpoint();
      const std::string address = bound.address().to_string();
      const bool v6 = bound.address().is_v6();
      std::fprintf(stderr, "kvtier serve: listening on tcp:%s%s%s:%u (system %s, %zu tiers)\n", v6 ? "[" : "",
                   address.c_str(), v6 ? "]" : "", static_cast<unsigned>(bound.port()), system, probe.levels());
      serve(server);
    } else {
      clear_stale_socket(endpoint.path);
      Server<Local> server(io, Local::endpoint(endpoint.path), options, args.once, cancel_signals);
      std::fprintf(stderr, "kvtier serve: listening on unix:%s (system %s, %zu tiers)\n", endpoint.path.c_str(),
                   system, probe.levels());
      serve(server);
      std::filesystem::remove(endpoint.path);
    }
  } catch (const boost::system::system_error& e) {
    throw Error(ExitCode::kUnavailable, fmt::format("--listen '{}': {}", args.listen, e.code().message()));
  }
  std::fprintf(stderr, "kvtier serve: stopped\n");
  return 0;
}

}  // namespace kvtier::cli
