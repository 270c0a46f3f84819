#include "tiers/port.h"

#include <algorithm>
#include <array>

#include "core/int128.h"

namespace kvtier {

namespace {
// Below this many forgotten intervals a server's list is not compacted.
constexpr std::size_t kCompactAfter = 64;
}  // namespace

Port::Port(std::int64_t servers) : servers_(static_cast<std::size_t>(std::max<std::int64_t>(servers, 1))) {}

SimTimeNs Port::fit(const Server& server, SimTimeNs t, SimTimeNs duration) {
  const std::vector<Interval>& busy = server.busy;
  // Most transfers start after every reservation: nothing to search.
  if (server.head == busy.size() || t >= busy.back().end) return t;
  // Intervals are sorted and disjoint, so their ends are sorted too: skip those that end
  // by t, then step over each one that leaves too short a gap.
  auto it = std::upper_bound(busy.begin() + static_cast<std::ptrdiff_t>(server.head), busy.end(), t,
                             [](SimTimeNs v, const Interval& iv) { return v < iv.end; });
  SimTimeNs s = t;
  for (; it != busy.end(); ++it) {
    if (it->start >= s + duration && duration > 0) break;  // the gap before it is long enough
    s = std::max(s, it->end);
  }
  return s;
}

SimTimeNs Port::earliest_gap(SimTimeNs t, SimTimeNs duration) const {
  SimTimeNs best = kSimTimeNever;
  for (const Server& server : servers_) best = std::min(best, fit(server, t, duration));
  return best;
}

void Port::reserve(Server& server, SimTimeNs start, SimTimeNs end) {
  std::vector<Interval>& busy = server.busy;
  if (server.head == busy.size() || start >= busy.back().end) {
    append(server, start, end);
    return;
  }
  auto it = std::lower_bound(busy.begin() + static_cast<std::ptrdiff_t>(server.head), busy.end(), start,
                             [](const Interval& iv, SimTimeNs t) { return iv.start < t; });
  // Coalesce with the neighbours it touches, so back-to-back reservations stay one interval.
  const bool joins_prev = it != busy.begin() + static_cast<std::ptrdiff_t>(server.head) && std::prev(it)->end == start;
  const bool joins_next = it != busy.end() && it->start == end;
  if (joins_prev && joins_next) {
    std::prev(it)->end = it->end;
    busy.erase(it);
  } else if (joins_prev) {
    std::prev(it)->end = end;
  } else if (joins_next) {
    it->start = start;
  } else {
    busy.insert(it, Interval{start, end});
  }
}

void Port::occupy_gap(SimTimeNs start, SimTimeNs end) {
  last_end_ns_ = std::max(last_end_ns_, end);
  if (servers_.size() == 1) {  // the caller found it fits
    reserve(servers_.front(), start, end);
    return;
  }
  for (Server& server : servers_) {
    if (fit(server, start, end - start) != start) continue;
    reserve(server, start, end);
    return;
  }
}

void Port::forget(SimTimeNs t) {
  first_end_ns_ = kSimTimeNever;
  for (Server& server : servers_) {
    std::vector<Interval>& busy = server.busy;
    while (server.head < busy.size() && busy[server.head].end <= t) ++server.head;
    if (server.head == busy.size()) {
      busy.clear();
      server.head = 0;
    } else if (server.head >= kCompactAfter && server.head * 2 >= busy.size()) {
      busy.erase(busy.begin(), busy.begin() + static_cast<std::ptrdiff_t>(server.head));
      server.head = 0;
    }
    if (server.head < busy.size()) first_end_ns_ = std::min(first_end_ns_, busy[server.head].end);
  }
}

SimTimeNs transfer_ns(std::uint64_t bytes, std::uint64_t bytes_per_s) {
  // 64-bit arithmetic when it cannot overflow (any transfer under 18 GB): a 128-bit
  // division costs several times more, and every leg of every transfer takes one.
  if (bytes <= UINT64_MAX / 1'000'000'000U) {
    const std::uint64_t scaled = bytes * 1'000'000'000U;
    return static_cast<SimTimeNs>(scaled / bytes_per_s + (scaled % bytes_per_s != 0 ? 1 : 0));
  }
  const UInt128 scaled = static_cast<UInt128>(bytes) * 1'000'000'000U;
  return static_cast<SimTimeNs>((scaled + bytes_per_s - 1) / bytes_per_s);
}

TransferTiming reserve_transfer(SimTimeNs now, std::uint64_t bytes, std::span<const PathLeg> legs,
                                SimTimeNs not_before) {
  constexpr std::size_t kMaxLegs = 32;
  std::array<SimTimeNs, kMaxLegs> hold;  // each leg's own time for the bytes (the first legs.size())
  SimTimeNs latency = 0;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const PathLeg& leg = legs[i];
    leg.port->forget_before(now);
    latency += leg.latency_ns;
    hold[i] = leg.fixed_hold_ns >= 0 ? leg.fixed_hold_ns : transfer_ns(bytes, leg.bytes_per_s_per_server);
  }
  // Go round the legs raising the common start to each one's earliest fit, until every
  // leg in a row has taken it. No leg's earliest fit passes the first start that fits all
  // of them, so that is where this ends, in any order; each raise moves past a busy
  // interval, so it ends after at most as many raises as there are intervals.
  SimTimeNs start = std::max(now, not_before);
  const std::size_t n = legs.size();
  for (std::size_t i = 0, taken = 0; taken < n; i = i + 1 == n ? 0 : i + 1) {
    const SimTimeNs s = legs[i].port->earliest_fit(start, hold[i]);
    if (s > start) {
      start = s;
      taken = 1;  // by this leg, at its own fit
    } else {
      ++taken;
    }
  }
  SimTimeNs slowest = 0;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    legs[i].port->occupy(start, start + hold[i], bytes);
    slowest = std::max(slowest, hold[i]);
  }
  return {start, start + slowest + latency};
}

}  // namespace kvtier
