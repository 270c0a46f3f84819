// The blocks held by one copy of a tier: which blocks, in which slots, which are pinned
// by in-flight requests, and (through its eviction policy) which goes next.
//
// Capacity is counted in blocks (every KV block of a system has the same size).
// `reserved` blocks are anonymous space held for decode output, which has no id yet.
// A lease (Mooncake's 10 s, for example) is a pin that every access renews and that
// lapses by itself `lease` after the last one.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "core/memory/prefetch.h"
#include "kvtier/sim_time.h"
#include "tiers/block_access.h"
#include "tiers/block_id.h"
#include "tiers/block_index.h"
#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/block_observer.h"

namespace kvtier {

inline constexpr std::uint64_t kUnbounded = UINT64_MAX;

// What a store remembers of each block beyond its id, so that a block demoted from it
// carries that to a tier whose policy needs it.
struct BlockKeep {
  bool position = false;
  bool next_use = false;
  bool hits = false;  // accesses since insertion (for selective write-through below)
};

class BlockStore {
 public:
  BlockStore(std::uint64_t capacity_blocks, std::unique_ptr<IEvictionPolicy> policy, BlockKeep keep = {},
             SimTimeNs lease_ns = 0);

  Slot find(BlockId id) const { return index_.find(id); }
  void prefetch(BlockId id) const {
    index_.prefetch(id);
    if (policy_prefetches_) policy_->prefetch(id);
  }
  // Hints the cache lines a hit on `slot` reads: its pin count and ready time, and what
  // the policy keeps of it.
  void prefetch_slot(Slot slot) const {
    if (slot < states_.size()) prefetch_line(&states_[slot]);
    policy_->prefetch_slot(slot);
  }
  BlockId id_of(Slot slot) const { return ids_[slot]; }
  // What the store knows of a resident block, as an access at `now`.
  BlockAccess access_of(Slot slot, SimTimeNs now) const;

  std::uint64_t capacity() const { return capacity_; }
  std::uint64_t resident() const { return index_.size(); }
  std::uint64_t pinned() const { return pinned_; }
  std::uint64_t reserved() const { return reserved_; }
  std::uint64_t used() const { return resident() + reserved_; }
  bool full() const { return used() >= capacity_; }
  bool is_pinned(Slot slot) const { return slot < states_.size() && states_[slot].pins != 0; }
  const IEvictionPolicy& policy() const { return *policy_; }
  // The slot the policy would evict next, if it can tell cheaply; kNoSlot otherwise.
  Slot next_victim() const { return policy_->victim_hint(0); }
  // Parts that shadow this store (the NAND under it, its real bytes), told of every block
  // written, read and let go, in the order attached. Contract: at most two, attached
  // while the store is empty; each outlives the store's use of it.
  void attach(IBlockObserver* observer) { observers_[observers_[0] == nullptr ? 0 : 1] = observer; }
  // A read of the block in `slot` (the observers hear of it).
  void read(Slot slot, const BlockAccess& access) const {
    for (IBlockObserver* o : observers_) {
      if (o != nullptr) o->read(slot, access);
    }
  }
  // Accesses since insertion. Contract: the store keeps hits.
  std::uint64_t hits(Slot slot) const { return hits_[slot]; }

  // Contract: `access.id` is absent and !full(). A pinned insert is not evictable until unpinned.
  Slot insert(const BlockAccess& access, bool pinned);
  // Removes the policy's victim (room for `incoming`, or null for anonymous space) and
  // describes it in `evicted`; false if every block is pinned.
  bool evict(BlockAccess& evicted, const BlockAccess* incoming, SimTimeNs now);
  // The block the policy would evict next, if it can tell cheaply (for admission policies
  // that weigh a newcomer against it); false if it cannot.
  bool peek_victim(BlockAccess& victim, SimTimeNs now) const;
  // Where the policy's next victim would go in `below`'s index is hinted to the cache:
  // demotions come in runs, and that lookup otherwise misses.
  void prefetch_next_victim_in(const BlockStore& below) const {
    const Slot next = policy_->victim_hint(0);
    if (next != kNoSlot) below.prefetch(ids_[next]);
  }
  // Removes a block the policy wants out beyond what was asked (surplus); false if none.
  bool evict_surplus(BlockAccess& evicted, SimTimeNs now);
  // Removes a block for a reason other than eviction. Contract: not pinned.
  void erase(Slot slot);
  // An access to a resident block; the policy hears of it unless the block is pinned.
  // (A cache simulation never pins, so it never reads the pin counts.) With `pin`, the
  // access also pins it, as touch() then pin() would.
  void touch(Slot slot, const BlockAccess& access, bool pin = false) {
    if (keep_.next_use) next_use_[slot] = access.next_use;
    if (keep_.hits) ++hits_[slot];
    if (pinned_ == 0 || states_[slot].pins == 0) {
      if (pin) {
        state(slot).pins = 1;
        ++pinned_;
        policy_->on_hit_pinned(slot, access);
      } else {
        policy_->on_hit(slot, access);
      }
    } else {
      ++states_[slot].pinned_hits;
      if (pin) ++states_[slot].pins;
    }
    if (lease_ns_ > 0) lease(slot, access.now);
  }
  void pin(Slot slot);
  // Contract: pinned.
  void unpin(Slot slot, SimTimeNs now);
  // Lets leases that ran out by `now` lapse. Contract: `now` never decreases.
  void release_leases(SimTimeNs now) {
    if (!leases_.empty()) release_leases_until(now);
  }

  // Contract: used() + n <= capacity().
  void reserve(std::uint64_t n) { reserved_ += n; }
  // Contract: n <= reserved().
  void release(std::uint64_t n) { reserved_ -= n; }

  // When a block being loaded or computed becomes usable; kSimTimeNever while it is
  // being computed. Only meaningful when timing is modelled.
  SimTimeNs ready_at(Slot slot) const { return slot < states_.size() ? states_[slot].ready_at : 0; }
  void set_ready_at(Slot slot, SimTimeNs t) { state(slot).ready_at = t; }

  std::size_t memory_bytes() const;

 private:
  void remove(Slot slot, BlockAccess& evicted, SimTimeNs now);
  void released(Slot slot);
  void lease(Slot slot, SimTimeNs now);
  void release_leases_until(SimTimeNs now);
  // What a timed or pinning run keeps of a slot, in one cache line with its neighbours':
  // a hit reads the pin count and the ready time together.
  struct SlotState {
    SimTimeNs ready_at = 0;
    std::uint32_t pins = 0;
    std::uint32_t pinned_hits = 0;  // accesses while pinned
  };
  // The slot's state, allocating every slot's on first use (a cache-only run never does).
  SlotState& state(Slot slot) {
    if (states_.size() < ids_.size()) states_.resize(ids_.size());
    return states_[slot];
  }
  struct Lease {
    SimTimeNs until;
    Slot slot;
  };

  std::uint64_t capacity_;
  BlockIndex index_;
  std::vector<BlockId, HugePageAllocator<BlockId>> ids_;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> positions_;  // only with keep_.position
  std::vector<std::uint64_t> next_use_;                                     // only with keep_.next_use
  std::vector<std::uint32_t> hits_;                                         // only with keep_.hits
  std::vector<SlotState, HugePageAllocator<SlotState>> states_;  // empty, or one per slot
  SimTimeNs lease_ns_;
  std::vector<SimTimeNs> lease_until_;  // 0: no lease; allocated on first use
  std::vector<Lease> leases_;           // in order of expiry (leases are of equal length)
  std::size_t leases_head_ = 0;
  std::vector<Slot> free_slots_;
  std::unique_ptr<IEvictionPolicy> policy_;
  std::array<IBlockObserver*, 2> observers_{};
  BlockKeep keep_;
  bool has_surplus_;
  bool policy_prefetches_;
  std::uint64_t pinned_ = 0;
  std::uint64_t reserved_ = 0;
};

}  // namespace kvtier
