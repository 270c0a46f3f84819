// Tail-first LRU, as vLLM's prefix cache frees blocks (docs.vllm.ai, design/prefix_caching):
// a request's blocks join the LRU order in reverse, "the last block of a request must
// hash more tokens and is less likely to be reused", so of the blocks a request used, its
// deepest goes first. Here each block of a request is placed just behind the block before
// it in the same request, so the request's first block ends most recent.
// Pinned blocks leave the order and rejoin the same way when their request releases them.
#pragma once

#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class TailFirstPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "tail_first"; }
  bool needs_position() const override { return true; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { unlink(slot); }
  void on_unpin(Slot slot, const Release& /*release*/) override { place(slot, position_[slot]); }
  void on_erase(Slot slot) override { unlink(slot); }
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override {
    const Slot tail = order_.back(0);
    return depth == 0 || tail == kNoSlot ? tail : order_.prev(tail);
  }
  std::size_t memory_bytes() const override { return order_.memory_bytes() + position_.capacity() * 4 + linked_.capacity(); }

 private:
  void place(Slot slot, std::uint32_t position);
  void unlink(Slot slot);

  SlotLists order_;  // front: most recent
  std::vector<std::uint32_t> position_;
  std::vector<std::uint8_t> linked_;
  // The last block placed, and its position: the next block of the same request goes behind it.
  Slot anchor_ = kNoSlot;
  std::uint32_t anchor_position_ = 0;
};

}  // namespace kvtier
