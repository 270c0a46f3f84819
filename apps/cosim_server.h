// `kvtier serve`: the co-simulation server. It listens on a TCP address or a Unix socket
// and speaks the line protocol of core/embed/cosim_session.h, with a fresh TierModel of
// the configured system for each connection, on one thread (Boost.Asio over io_uring).
#pragma once

#include <string>
#include <vector>

namespace kvtier::cli {

struct ServeArgs {
  std::string config;
  std::vector<std::string> sets;
  std::string listen = "tcp:127.0.0.1:7070";
  bool once = false;  // stop when the first connection closes
};

// Contract: throws Error on a bad configuration (exit 78), a bad --listen (64), or an
// address that cannot be bound (69); returns 0 when stopped by SIGINT, SIGTERM or --once.
int serve_command(const ServeArgs& args);

}  // namespace kvtier::cli
