// The blocks held by one copy of a tier: which blocks, in which slots, which are pinned
// by in-flight requests, and (through its eviction policy) which goes next.
//
// Capacity is counted in blocks (every KV block of a system has the same size).
// `reserved` blocks are anonymous space held for decode output, which has no id yet.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "kvtier/sim_time.h"
#include "tiers/block_id.h"
#include "tiers/block_index.h"
#include "tiers/eviction/i_eviction_policy.h"

namespace kvtier {

inline constexpr std::uint64_t kUnbounded = UINT64_MAX;

class BlockStore {
 public:
  BlockStore(std::uint64_t capacity_blocks, std::unique_ptr<IEvictionPolicy> policy);

  Slot find(BlockId id) const { return index_.find(id); }
  void prefetch(BlockId id) const { index_.prefetch(id); }
  BlockId id_of(Slot slot) const { return ids_[slot]; }

  std::uint64_t capacity() const { return capacity_; }
  std::uint64_t resident() const { return index_.size(); }
  std::uint64_t pinned() const { return pinned_; }
  std::uint64_t reserved() const { return reserved_; }
  std::uint64_t used() const { return resident() + reserved_; }
  bool full() const { return used() >= capacity_; }
  bool is_pinned(Slot slot) const { return pins_[slot] != 0; }

  // Contract: `id` is absent and !full(). A pinned insert is not evictable until unpinned.
  Slot insert(BlockId id, bool pinned);
  // Removes the policy's victim and returns its id; false if every block is pinned.
  bool evict(BlockId& evicted);
  // Removes a block for a reason other than eviction. Contract: not pinned.
  void erase(Slot slot);
  // An access to a resident block; the policy hears of it unless the block is pinned.
  // (A cache simulation never pins, so it never reads the pin counts.)
  void touch(Slot slot) {
    if (pinned_ == 0 || pins_[slot] == 0) policy_->on_hit(slot);
  }
  void pin(Slot slot);
  // Contract: pinned.
  void unpin(Slot slot);

  // Contract: used() + n <= capacity().
  void reserve(std::uint64_t n) { reserved_ += n; }
  // Contract: n <= reserved().
  void release(std::uint64_t n) { reserved_ -= n; }

  // When a block being loaded or computed becomes usable; kSimTimeNever while it is
  // being computed. Only meaningful when timing is modelled.
  SimTimeNs ready_at(Slot slot) const { return slot < ready_at_.size() ? ready_at_[slot] : 0; }
  void set_ready_at(Slot slot, SimTimeNs t);

  std::size_t memory_bytes() const;

 private:
  std::uint64_t capacity_;
  BlockIndex index_;
  std::vector<BlockId, HugePageAllocator<BlockId>> ids_;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> pins_;
  std::vector<SimTimeNs> ready_at_;  // allocated on first use
  std::vector<Slot> free_slots_;
  std::unique_ptr<IEvictionPolicy> policy_;
  std::uint64_t pinned_ = 0;
  std::uint64_t reserved_ = 0;
};

}  // namespace kvtier
