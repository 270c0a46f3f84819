// Least frequently used, with dynamic aging (LFU-DA: Arlitt, Cherkasova, Dilley,
// Friedrich, Jin, "Evaluating Content Management Techniques for Web Proxy Caches",
// ACM SIGMETRICS PER 27(4), 2000). Each block has a count of accesses F and a priority
// K = F + L, where L is the priority of the last block evicted; the block with the
// lowest K goes (the least recently accessed among equals). Aging lets blocks that were
// popular long ago leave. With aging off, L stays 0: plain LFU.
// Pinned blocks leave the order and rejoin with their count, as if just accessed.
//
// Most blocks of a cache-sized stream are never hit before they go, and a newcomer's K
// (L + 1) is at or near the lowest, so a heap would sift each one to the top and back.
// Newcomers wait in a list instead, in arrival order, which is also their order by
// (K, last access) as long as L does not fall; one that would break that order goes to
// the heap. The victim is the lower of the heap's top and the list's oldest: the same
// block a single heap would give, at a fraction of the sifting.
#pragma once

#include <utility>
#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_heap.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class LfuPolicy final : public IEvictionPolicy {
 public:
  explicit LfuPolicy(bool aging) : aging_(aging) {}
  std::string_view name() const override { return "lfu"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { leave(slot); }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override { leave(slot); }
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override { return depth == 0 ? lowest() : kNoSlot; }
  std::size_t memory_bytes() const override {
    return heap_.memory_bytes() + newcomers_.memory_bytes() + meta_.capacity() * sizeof(Meta);
  }

 private:
  using Key = std::pair<std::uint64_t, std::uint64_t>;  // (K, last access): lowest goes first
  struct Meta {
    std::uint64_t count;
    std::uint64_t priority;
    std::uint64_t stamp;  // last access (the clock then)
    bool newcomer;        // in newcomers_, not in the heap
  };
  Meta& meta(Slot s) {
    if (s >= meta_.size()) meta_.resize(static_cast<std::size_t>(s) + 1, Meta{0, 0, 0, false});
    return meta_[s];
  }
  Key key(Slot s) const { return Key{meta_[s].priority, meta_[s].stamp}; }
  // The slot with the lowest key, heap or newcomers; kNoSlot if neither has one.
  Slot lowest() const;
  // Takes the slot out of whichever order holds it. Contract: it is in one.
  void leave(Slot slot);

  bool aging_;
  std::uint64_t age_ = 0;    // L
  std::uint64_t clock_ = 0;  // access counter, for recency among equals
  SlotHeap<Key> heap_;
  SlotLists newcomers_;  // list 0; front: newest
  std::vector<Meta> meta_;
};

}  // namespace kvtier
