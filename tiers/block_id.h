// Names for KV blocks and for the places that hold them.
#pragma once

#include <cstdint>

namespace kvtier {

// A block's prefix-chained hash: equal ids mean equal prefixes up to and including it.
using BlockId = std::uint64_t;
// A dense index of a block inside one tier copy (its metadata arrays are indexed by it).
using Slot = std::uint32_t;
inline constexpr Slot kNoSlot = UINT32_MAX;

}  // namespace kvtier
