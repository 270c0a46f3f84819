// The order in which a tier copy gives up its blocks.
#pragma once

#include <string_view>

#include "tiers/block_id.h"

namespace kvtier {

// Contract:
//  - A policy sees only slots of one tier copy. A slot is *tracked* from on_insert until
//    victim() returns it or on_erase. Tracked slots are evictable unless pinned.
//  - on_hit is called only for tracked, unpinned slots.
//  - on_pin / on_unpin bracket a use by an in-flight request; pins do not nest here
//    (the store counts them). A pinned slot must never be returned by victim().
//  - on_unpin means the use just ended: for recency-based policies, an access now.
//  - victim() untracks and returns an evictable slot, or kNoSlot if there is none.
//  - Slots may exceed any earlier slot number (a store can grow); the policy grows too.
//  - victim_hint(d) guesses the slot victim() would return after d more evictions, for
//    prefetching only: it must be cheap, may be wrong, and kNoSlot means "no guess".
class IEvictionPolicy {
 public:
  virtual ~IEvictionPolicy() = default;
  virtual std::string_view name() const = 0;
  virtual void on_insert(Slot slot, BlockId id) = 0;
  virtual void on_hit(Slot slot) = 0;
  virtual void on_pin(Slot slot) = 0;
  virtual void on_unpin(Slot slot) = 0;
  virtual void on_erase(Slot slot) = 0;
  virtual Slot victim() = 0;
  virtual Slot victim_hint(int /*depth*/) const { return kNoSlot; }
  // Bytes of policy metadata, for memory reports.
  virtual std::size_t memory_bytes() const = 0;
};

}  // namespace kvtier
