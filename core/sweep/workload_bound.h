// The Belady bound (core/sweep/belady_bound.h) of a configured system and workload: the
// workload read once more for its future, on one cache as large as all the tiers together.
#pragma once

#include <cstdint>

#include "core/config/section.h"
#include "core/sim/system_spec.h"
#include "core/sweep/belady_bound.h"

namespace kvtier {

// All the tiers' blocks together, over every copy (saturating: a tier may be unbounded).
std::uint64_t total_capacity_blocks(const SystemSpec& spec);

// Contract: `workload` was validated; reading it may throw as the run's reader would.
HitBound workload_bound(const Section& workload, std::uint64_t block_tokens, std::uint64_t seed,
                        std::uint64_t capacity_blocks);

}  // namespace kvtier
