// A service resource that transfers use: a tier's media port or one direction of a link.
// `servers` transfers proceed at once; each holds one server for size / bandwidth. A fixed
// latency is added to a transfer's completion but does not hold the server, so latency and
// bandwidth pipeline as they do on real devices.
//
// A port remembers its reserved busy intervals, so that a transfer can use an idle gap
// left before a later reservation (one that waits for another resource on its path).
// With one leg and arrivals in time order this is exactly a FIFO queue.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "kvtier/sim_time.h"

namespace kvtier {

class Port {
 public:
  explicit Port(std::int64_t servers = 1);

  // The earliest s >= t at which some server is idle over [s, s + duration).
  SimTimeNs earliest_fit(SimTimeNs t, SimTimeNs duration) const {
    // Every server is idle after the latest end: most transfers start there, with nothing
    // to search (inline, as every leg of every transfer asks).
    return t >= last_end_ns_ ? t : earliest_gap(t, duration);
  }
  // Contract: earliest_fit(start, end - start) == start.
  void occupy(SimTimeNs start, SimTimeNs end, std::uint64_t bytes) {
    busy_ns_ += end - start;
    bytes_ += bytes;
    ++transfers_;
    if (end == start) {
      last_end_ns_ = std::max(last_end_ns_, end);
      return;
    }
    first_end_ns_ = std::min(first_end_ns_, end);
    if (start >= last_end_ns_) {  // after every reservation: the first server takes it
      append(servers_.front(), start, end);
      last_end_ns_ = end;
      return;
    }
    occupy_gap(start, end);
  }
  // Forgets intervals that end at or before t (no reservation will ever start before t).
  void forget_before(SimTimeNs t) {
    if (t >= first_end_ns_) forget(t);
  }

  SimTimeNs busy_ns() const { return busy_ns_; }  // summed over servers
  SimTimeNs last_end_ns() const { return last_end_ns_; }  // the latest end reserved so far
  std::uint64_t bytes() const { return bytes_; }
  std::uint64_t transfers() const { return transfers_; }
  std::int64_t servers() const { return static_cast<std::int64_t>(servers_.size()); }

 private:
  struct Interval {
    SimTimeNs start;
    SimTimeNs end;
  };
  // One server's reservations: sorted, disjoint, coalesced; those before `head` are
  // forgotten (erased in bulk now and then, so that forgetting is not a shift per call).
  struct Server {
    std::vector<Interval> busy;
    std::size_t head = 0;
  };
  static SimTimeNs fit(const Server& server, SimTimeNs t, SimTimeNs duration);
  // Contract: [start, end) starts at or after every interval of `server`.
  static void append(Server& server, SimTimeNs start, SimTimeNs end) {
    if (server.head != server.busy.size() && server.busy.back().end == start) {
      server.busy.back().end = end;
    } else {
      server.busy.push_back(Interval{start, end});
    }
  }
  static void reserve(Server& server, SimTimeNs start, SimTimeNs end);
  SimTimeNs earliest_gap(SimTimeNs t, SimTimeNs duration) const;
  void occupy_gap(SimTimeNs start, SimTimeNs end);
  void forget(SimTimeNs t);

  std::vector<Server> servers_;
  SimTimeNs busy_ns_ = 0;
  SimTimeNs last_end_ns_ = 0;
  // At most the earliest end of a remembered interval (never: none), so that forgetting
  // nothing costs one comparison.
  SimTimeNs first_end_ns_ = kSimTimeNever;
  std::uint64_t bytes_ = 0;
  std::uint64_t transfers_ = 0;
};

// One resource on a transfer's path, with the timing that applies to this transfer
// (a tier's read or write side, or a link direction).
struct PathLeg {
  // Trivial, so that a path's array of legs costs nothing until legs are added to it.
  PathLeg() = default;
  PathLeg(Port* port_in, SimTimeNs latency, std::uint64_t rate, SimTimeNs fixed_hold = -1)
      : port(port_in), latency_ns(latency), bytes_per_s_per_server(rate), fixed_hold_ns(fixed_hold) {}

  Port* port;
  SimTimeNs latency_ns;
  std::uint64_t bytes_per_s_per_server;  // effective: peak x efficiency / servers
  // >= 0: the leg is held this long whatever the bytes (a NAND array's work, which
  // depends on more than the bytes moved); < 0: bytes / bytes_per_s_per_server.
  SimTimeNs fixed_hold_ns;
};

struct TransferTiming {
  SimTimeNs start_ns;     // when every leg had an idle server for its share
  SimTimeNs complete_ns;  // start + bytes / slowest leg + summed latencies
};

// Reserves one server on every leg from a common start: the earliest time at which each
// leg is idle for as long as it needs to carry the bytes at its own rate, no earlier than
// `not_before` (when the data is there to send). The transfer completes at the slowest
// leg's rate. Each leg is held only for its own time, so a fast port on the path of a slow
// transfer (DDR feeding a QLC write) stays free for other streams and each port's busy
// time is its real load. Contract: 1 to 32 legs, every rate above zero (unless the leg has a
// fixed hold), and `now` never decreasing from call to call.
TransferTiming reserve_transfer(SimTimeNs now, std::uint64_t bytes, std::span<const PathLeg> legs,
                                SimTimeNs not_before = 0);

// ceil(bytes / bytes_per_s) in nanoseconds, exact.
SimTimeNs transfer_ns(std::uint64_t bytes, std::uint64_t bytes_per_s);

}  // namespace kvtier
