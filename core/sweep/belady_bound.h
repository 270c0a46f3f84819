// The most block hits that any placement can get from a given capacity over a workload:
// Belady's MIN with bypass, on one cache that holds as many blocks as all the tiers of a
// system together. Each block access hits if the block is held; a held block is kept
// until the access where it is next used, unless a block with an earlier next use needs
// its room; a block is not kept when it is used again later than every held block (or
// never). No policy on any arrangement of tiers with that much room in total hits more
// often (Belady 1966; bypass lets MIN also decline a block, as admission policies may).
// The bound is on block hits in trace order, so it bounds the prefix hit ratio too; a
// timed run may admit requests slightly out of trace order, so there it is very nearly,
// not strictly, a bound.
#pragma once

#include <cstdint>

#include "core/sim/next_use_oracle.h"

namespace kvtier {

struct HitBound {
  std::uint64_t accesses = 0;
  std::uint64_t hits = 0;
  double ratio() const { return accesses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(accesses); }
};

HitBound belady_bound(const NextUseOracle& future, std::uint64_t capacity_blocks);

}  // namespace kvtier
