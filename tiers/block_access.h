// One access to a block, as a tier and its policies see it.
#pragma once

#include <cstdint>

#include "kvtier/sim_time.h"
#include "tiers/block_id.h"

namespace kvtier {

// next_use when the block is never accessed again (Belady evicts these first).
inline constexpr std::uint64_t kNeverUsedAgain = UINT64_MAX;

struct BlockAccess {
  BlockId id = 0;
  std::uint32_t position = 0;  // the block's index in its request (0: the first block)
  SimTimeNs now = 0;
  // Where in the trace (as a count of block accesses from the start) this block is next
  // accessed; kNeverUsedAgain if never. Only known when a policy needs the future.
  std::uint64_t next_use = kNeverUsedAgain;
};

}  // namespace kvtier
