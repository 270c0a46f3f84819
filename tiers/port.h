// A service resource that transfers queue on: a tier's media port or one direction of a
// link. `servers` transfers proceed at once (FIFO over servers); each holds one server
// for size / bandwidth. A fixed latency is added to a transfer's completion but does not
// hold the server, so latency and bandwidth pipeline as they do on real devices.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kvtier/sim_time.h"

namespace kvtier {

class Port {
 public:
  explicit Port(std::int64_t servers = 1);

  // The earliest time at or after `t` when a server is free.
  SimTimeNs earliest_free(SimTimeNs t) const;
  // Contract: start >= earliest_free(start); occupies the server that frees first.
  void occupy(SimTimeNs start, SimTimeNs end, std::uint64_t bytes);

  SimTimeNs busy_ns() const { return busy_ns_; }  // summed over servers
  std::uint64_t bytes() const { return bytes_; }
  std::uint64_t transfers() const { return transfers_; }
  std::int64_t servers() const { return static_cast<std::int64_t>(free_at_.size()); }

 private:
  std::vector<SimTimeNs> free_at_;
  SimTimeNs busy_ns_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t transfers_ = 0;
};

// One resource on a transfer's path, with the timing that applies to this transfer
// (a tier's read or write side, or a link direction).
struct PathLeg {
  Port* port;
  SimTimeNs latency_ns;
  std::uint64_t bytes_per_s_per_server;  // effective: peak x efficiency / servers
};

struct TransferTiming {
  SimTimeNs start_ns;     // when every leg had a free server
  SimTimeNs complete_ns;  // start + bytes / slowest leg + summed latencies
};

// Reserves one server on every leg for the same interval: the transfer starts when all
// are free and runs at the slowest leg's rate. Contract: legs is not empty and every
// rate is above zero; calls are made in non-decreasing `now` (FIFO order).
TransferTiming reserve_transfer(SimTimeNs now, std::uint64_t bytes, std::span<const PathLeg> legs);

// ceil(bytes / bytes_per_s) in nanoseconds, exact.
SimTimeNs transfer_ns(std::uint64_t bytes, std::uint64_t bytes_per_s);

}  // namespace kvtier
