// One inference request as a trace gives it.
#pragma once

#include <cstdint>
#include <vector>

#include "kvtier/sim_time.h"
#include "tiers/block_id.h"

namespace kvtier {

inline constexpr std::uint64_t kNoSession = UINT64_MAX;

struct Request {
  std::uint64_t index = 0;  // position in the workload, from 0
  SimTimeNs arrival_ns = 0;
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
  // One id per block_tokens of input (the last block may be partial), prefix-chained.
  std::vector<BlockId> blocks;
  std::uint64_t session = kNoSession;  // the conversation it belongs to, when the workload says
};

}  // namespace kvtier
