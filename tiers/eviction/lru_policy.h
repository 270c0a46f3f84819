// Least recently used. Pinned blocks leave the order and rejoin as most recent when
// unpinned, as vLLM's free-block queue does: a block's recency is the end of its last use.
#pragma once

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class LruPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "lru"; }
  void on_insert(Slot slot, const BlockAccess& /*access*/) override { order_.push_front(0, slot); }
  void on_hit(Slot slot, const BlockAccess& /*access*/) override {
    if (order_.front(0) == slot) return;
    order_.remove(0, slot);
    order_.push_front(0, slot);
  }
  void on_pin(Slot slot) override { order_.remove(0, slot); }
  // In the order and straight out again: nothing to do (and no cold links to read).
  void on_insert_pinned(Slot /*slot*/, const BlockAccess& /*access*/) override {}
  // Moved to the front and taken out: taken out.
  void on_hit_pinned(Slot slot, const BlockAccess& /*access*/) override { order_.remove(0, slot); }
  void on_unpin(Slot slot, const Release& /*release*/) override { order_.push_front(0, slot); }
  void on_erase(Slot slot) override { order_.remove(0, slot); }
  Slot victim(const BlockAccess* /*incoming*/) override {
    const Slot v = order_.back(0);
    if (v != kNoSlot) order_.remove(0, v);
    return v;
  }
  Slot victim_hint(int depth) const override {
    const Slot tail = order_.back(0);
    return depth == 0 || tail == kNoSlot ? tail : order_.prev(tail);
  }
  std::size_t memory_bytes() const override { return order_.memory_bytes(); }

 private:
  SlotLists order_;  // front: most recent
};

}  // namespace kvtier
