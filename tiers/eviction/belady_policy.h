// The optimal offline policy (Belady, "A study of replacement algorithms for a virtual-
// storage computer", IBM Systems Journal 5(2), 1966; MIN): evict the block whose next use
// lies furthest in the future, using the trace's own future. No online policy can hit
// more often in a single cache, so it is the upper bound every comparison shows. Blocks
// never used again go first, oldest access first among them.
// Pinned blocks leave the order and rejoin with their next use.
#pragma once

#include <utility>
#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_heap.h"

namespace kvtier {

class BeladyPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "belady"; }
  bool needs_next_use() const override { return true; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { heap_.remove(slot); }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override { heap_.remove(slot); }
  Slot victim(const BlockAccess* /*incoming*/) override { return heap_.pop(); }
  Slot victim_hint(int depth) const override { return depth == 0 ? heap_.top() : kNoSlot; }
  std::size_t memory_bytes() const override { return heap_.memory_bytes() + next_use_.capacity() * 8; }

 private:
  // (bitwise-inverted next use, last access): the furthest next use sorts first.
  using Key = std::pair<std::uint64_t, std::uint64_t>;

  std::uint64_t clock_ = 0;
  SlotHeap<Key> heap_;
  std::vector<std::uint64_t> next_use_;  // by slot
};

}  // namespace kvtier
