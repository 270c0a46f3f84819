// References for a run, each from one more read of its workload: the Belady bound
// (core/sweep/belady_bound.h) on one cache as large as all the tiers together, and the
// exact LRU miss-ratio curve (core/sweep/miss_ratio_curve.h).
#pragma once

#include <cstdint>

#include "core/config/section.h"
#include "core/sim/system_spec.h"
#include "core/sweep/belady_bound.h"
#include "core/sweep/miss_ratio_curve.h"

namespace kvtier {

// All the tiers' blocks together, over every copy (saturating: a tier may be unbounded).
std::uint64_t total_capacity_blocks(const SystemSpec& spec);

// Contract: `workload` was validated; reading it may throw as the run's reader would.
HitBound workload_bound(const Section& workload, std::uint64_t block_tokens, std::uint64_t seed,
                        std::uint64_t capacity_blocks);

// Contract: as workload_bound.
MissRatioCurve workload_curve(const Section& workload, std::uint64_t block_tokens, std::uint64_t seed);

}  // namespace kvtier
