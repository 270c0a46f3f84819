// What a run measures beyond the tiers' own counters: hit accounting per request and
// block, tokens by source, and time to first token.
#pragma once

#include <cstdint>
#include <vector>

#include "core/stats/histogram.h"
#include "kvtier/sim_time.h"

namespace kvtier {

struct RunStats {
  std::uint64_t requests = 0;   // taken from the workload
  std::uint64_t completed = 0;  // finished (timing off: every request looked up)
  std::uint64_t rejected = 0;   // could never fit in an instance's first tier
  std::uint64_t looked_up = 0;  // whose blocks were looked up (the hit ratios' requests)
  std::uint64_t block_accesses = 0;
  std::uint64_t prefix_hit_blocks = 0;  // in the reusable prefix
  std::uint64_t block_hits = 0;         // present anywhere reachable, counted one by one
  double prefix_hit_fraction_sum = 0;   // sum over requests of prefix hits / blocks
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
  std::uint64_t recomputed_tokens = 0;
  std::vector<std::uint64_t> served_tokens;  // per level
  std::uint64_t prefetches = 0;              // requests whose blocks were prefetched
  std::uint64_t prefetched_blocks = 0;
  std::uint64_t prefetch_used_blocks = 0;    // loaded from the prefetch tier by their request
  std::uint64_t prefetch_wasted_blocks = 0;  // cut short in flight, or landed but not loaded from there
  Histogram ttft_ns;
  // Means of the parts of TTFT (timing modelled only).
  Histogram admission_wait_ns;  // arrival -> first-tier space granted (includes any prefetch wait)
  Histogram prefetch_wait_ns;   // arrival -> prefetch ended (wait_complete and timeout)
  Histogram load_ns;            // admission -> every reused block in the first tier
  Histogram compute_wait_ns;    // loads done -> prefill starts
  Histogram prefill_ns;
  SimTimeNs first_arrival_ns = -1;
  SimTimeNs end_ns = 0;
  std::uint64_t events = 0;

  // Tokens of block j of a request with `input_tokens` tokens.
  static std::uint64_t tokens_of_block(std::uint64_t j, std::uint64_t input_tokens, std::uint64_t block_tokens) {
    const std::uint64_t start = j * block_tokens;
    return input_tokens - start < block_tokens ? input_tokens - start : block_tokens;
  }
};

}  // namespace kvtier
