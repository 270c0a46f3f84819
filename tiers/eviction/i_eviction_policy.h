// The order in which a tier copy gives up its blocks.
#pragma once

#include <cstddef>
#include <string_view>

#include "tiers/block_access.h"

namespace kvtier {

// Contract:
//  - A policy sees only slots of one tier copy. A slot is *tracked* from on_insert until
//    victim() or expired() returns it, or on_erase. Tracked slots are evictable unless pinned.
//  - on_hit is called only for tracked, unpinned slots; it is an access.
//  - on_pin / on_unpin bracket a use by an in-flight request (the store counts nested
//    pins and calls these on the first pin and the last unpin). A pinned slot is never
//    returned by victim() or expired(). The access that led to a pin is reported by
//    on_hit (or on_insert) first; hits while pinned are not reported one by one but
//    counted in the Release. on_unpin is not a new access: the block rejoins the policy
//    where an access would put it, keeping what it counted and adding those hits.
//  - victim(incoming) untracks and returns an evictable slot, or kNoSlot if there is
//    none. `incoming` is the block the room is for (ARC adapts to it), or null when the
//    room is for anonymous space.
//  - surplus(now) untracks and returns a slot the policy wants out beyond what was asked
//    (a TTL that ran out; a second block S3-FIFO's eviction step removed), or kNoSlot.
//    Stores drain it after every eviction and whenever time moves on.
//  - Slots may exceed any earlier slot number (a store can grow); the policy grows too.
//  - victim_hint(d) guesses the slot victim() would return after d more evictions, for
//    prefetching and admission: it must be cheap, may be wrong, kNoSlot means no guess.
//  - prefetch(id) hints the cache lines on_insert of `id` would read (a ghost lookup),
//    for replay loops that look ahead; lookups_ahead() says whether it does anything.
//    prefetch_slot(slot) hints what a hit on a resident slot would read.
//  - Everything a policy decides depends only on the calls it received (no addresses,
//    no hash-map order), so runs are deterministic.
// What the store tells a policy when a block's last pin is released.
struct Release {
  SimTimeNs now = 0;
  std::uint32_t hits = 0;  // accesses while it was pinned
  std::uint64_t next_use = kNeverUsedAgain;  // as of the latest access (when next uses are kept)
};

class IEvictionPolicy {
 public:
  virtual ~IEvictionPolicy() = default;
  virtual std::string_view name() const = 0;
  virtual void on_insert(Slot slot, const BlockAccess& access) = 0;
  virtual void on_hit(Slot slot, const BlockAccess& access) = 0;
  virtual void on_pin(Slot slot) = 0;
  // A block inserted (hit) and pinned at once: on_insert (on_hit) then on_pin, which a
  // policy may do in one step.
  virtual void on_insert_pinned(Slot slot, const BlockAccess& access) {
    on_insert(slot, access);
    on_pin(slot);
  }
  virtual void on_hit_pinned(Slot slot, const BlockAccess& access) {
    on_hit(slot, access);
    on_pin(slot);
  }
  virtual void on_unpin(Slot slot, const Release& release) = 0;
  virtual void on_erase(Slot slot) = 0;
  virtual Slot victim(const BlockAccess* incoming) = 0;
  virtual Slot victim_hint(int /*depth*/) const { return kNoSlot; }
  virtual Slot surplus(SimTimeNs /*now*/) { return kNoSlot; }
  virtual void prefetch(BlockId /*id*/) const {}
  virtual void prefetch_slot(Slot /*slot*/) const {}
  virtual bool lookups_ahead() const { return false; }
  // True if the policy needs BlockAccess::next_use (the trace's future) or ::position;
  // otherwise callers may leave them unset.
  virtual bool needs_next_use() const { return false; }
  virtual bool needs_position() const { return false; }
  // True if surplus() can ever return a slot, so callers may skip asking.
  virtual bool has_surplus() const { return false; }
  // True if a surplus can arise as time passes (a TTL), not only from an eviction step,
  // so that callers must ask whenever time moves on.
  virtual bool surplus_over_time() const { return false; }
  // Bytes of policy metadata, for memory reports.
  virtual std::size_t memory_bytes() const = 0;
};

}  // namespace kvtier
