// Parameters of the eviction policies that have any, with their papers' defaults. They
// are tier keys (slru_segments, s3fifo_small, ...) documented in the tier schema.
#pragma once

#include <cstdint>

#include "kvtier/sim_time.h"

namespace kvtier {

struct EvictionParams {
  std::int64_t slru_segments = 2;      // Karedla et al.: probationary + protected
  double slru_protected = 0.8;         // share of capacity for the protected segment(s)
  double s3fifo_small = 0.1;           // Yang et al.: the small FIFO holds 10% of the cache
  std::int64_t s3fifo_move_threshold = 2;  // hits in S needed to move to M (paper: freq > 1)
  double twoq_kin = 0.25;              // Johnson and Shasha: A1in = 25% of the cache
  double twoq_kout = 0.5;              // A1out remembers 50% of the cache's worth of ids
  bool lfu_aging = true;               // LFU with dynamic aging (LFU-DA); false: plain LFU
  SimTimeNs ttl_ns = 600'000'000'000;  // TTL: blocks unused this long expire
};

}  // namespace kvtier
