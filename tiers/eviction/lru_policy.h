// Least recently used: a doubly linked list over slots (32-bit links, 8 bytes a block).
// Pinned blocks leave the list and rejoin at the most-recent end when unpinned, so a
// block's recency is the end of its last use.
#pragma once

#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "tiers/eviction/i_eviction_policy.h"

namespace kvtier {

class LruPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "lru"; }
  void on_insert(Slot slot, BlockId id) override;
  void on_hit(Slot slot) override;
  void on_pin(Slot slot) override { unlink(slot); }
  void on_unpin(Slot slot) override { push_front(slot); }
  void on_erase(Slot slot) override { unlink(slot); }
  Slot victim() override;
  Slot victim_hint(int depth) const override {
    if (depth == 0 || tail_ == kNoSlot) return tail_;
    return links_[tail_].prev;
  }
  std::size_t memory_bytes() const override { return links_.capacity() * sizeof(Links); }

 private:
  struct Links {
    Slot prev;  // towards the most recent end
    Slot next;  // towards the least recent end
  };
  void unlink(Slot slot);
  void push_front(Slot slot);

  std::vector<Links, HugePageAllocator<Links>> links_;
  Slot head_ = kNoSlot;  // most recently used
  Slot tail_ = kNoSlot;  // least recently used
};

}  // namespace kvtier
