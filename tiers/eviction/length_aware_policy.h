// LengthAware (Mooncake, Qin et al., "Mooncake: Trading More Storage for Less
// Computation", FAST'25, section 4: "similar to LFU but prioritizing cache blocks
// occurring later in requests"): blocks that occur later in their requests go first,
// since a deep block is shared by fewer requests than the prefix before it; among blocks
// at the same depth, the least frequently used, then the least recently used.
// Pinned blocks leave the order and rejoin with their count, as if just accessed.
#pragma once

#include <tuple>
#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_heap.h"

namespace kvtier {

class LengthAwarePolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "length_aware"; }
  bool needs_position() const override { return true; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { heap_.remove(slot); }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override { heap_.remove(slot); }
  Slot victim(const BlockAccess* /*incoming*/) override { return heap_.pop(); }
  Slot victim_hint(int depth) const override { return depth == 0 ? heap_.top() : kNoSlot; }
  std::size_t memory_bytes() const override { return heap_.memory_bytes() + meta_.capacity() * sizeof(Meta); }

 private:
  // (inverted position, count, last access): deepest, then rarest, then oldest goes first.
  using Key = std::tuple<std::uint32_t, std::uint64_t, std::uint64_t>;
  struct Meta {
    std::uint32_t position;
    std::uint64_t count;
  };
  Key key(Slot s) { return Key{~meta_[s].position, meta_[s].count, ++clock_}; }

  std::uint64_t clock_ = 0;
  SlotHeap<Key> heap_;
  std::vector<Meta> meta_;
};

}  // namespace kvtier
