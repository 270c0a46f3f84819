#include "tiers/port.h"

#include <algorithm>

#include "core/int128.h"

namespace kvtier {

Port::Port(std::int64_t servers) : free_at_(static_cast<std::size_t>(std::max<std::int64_t>(servers, 1)), 0) {}

SimTimeNs Port::earliest_free(SimTimeNs t) const {
  return std::max(t, *std::min_element(free_at_.begin(), free_at_.end()));
}

void Port::occupy(SimTimeNs start, SimTimeNs end, std::uint64_t bytes) {
  *std::min_element(free_at_.begin(), free_at_.end()) = end;
  busy_ns_ += end - start;
  bytes_ += bytes;
  ++transfers_;
}

SimTimeNs transfer_ns(std::uint64_t bytes, std::uint64_t bytes_per_s) {
  const UInt128 scaled = static_cast<UInt128>(bytes) * 1'000'000'000U;
  return static_cast<SimTimeNs>((scaled + bytes_per_s - 1) / bytes_per_s);
}

TransferTiming reserve_transfer(SimTimeNs now, std::uint64_t bytes, std::span<const PathLeg> legs) {
  SimTimeNs start = now;
  SimTimeNs latency = 0;
  std::uint64_t rate = UINT64_MAX;
  for (const PathLeg& leg : legs) {
    start = std::max(start, leg.port->earliest_free(now));
    latency += leg.latency_ns;
    rate = std::min(rate, leg.bytes_per_s_per_server);
  }
  const SimTimeNs service = transfer_ns(bytes, rate);
  for (const PathLeg& leg : legs) leg.port->occupy(start, start + service, bytes);
  return {start, start + service + latency};
}

}  // namespace kvtier
