// What happened to one request, as a driver tells the per-request log
// (core/report/request_log.h) when the request is done with.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "kvtier/sim_time.h"
#include "workloads/request.h"

namespace kvtier {

// The parts of a request's time to first token, as the run's ttft_parts_mean_ns has them.
struct RequestTiming {
  SimTimeNs admission_wait_ns = 0;  // arrival (or end of prefetch) to admission
  SimTimeNs load_ns = 0;            // admission to the last load landing
  SimTimeNs compute_wait_ns = 0;    // in the prefill queue
  SimTimeNs prefill_ns = 0;
  SimTimeNs ttft_ns = 0;            // arrival to first token
  SimTimeNs done_ns = 0;            // when decode ended (simulated time)
};

struct RequestRecord {
  const Request& request;
  std::size_t instance;
  bool rejected;                                 // did not fit the first tier
  std::uint64_t prefix_hit_blocks;
  std::span<const std::uint64_t> served_tokens;  // per tier: prompt tokens reused from it
  std::optional<RequestTiming> timing;           // absent with timing off, or when rejected
};

}  // namespace kvtier
