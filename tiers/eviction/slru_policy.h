// Segmented LRU (Karedla, Love, Wherry, "Caching Strategies to Improve Disk System
// Performance", IEEE Computer 27(3), 1994). New blocks enter the probationary segment; a
// hit moves a block up one segment; a segment over its share pushes its least recent
// block down one segment; eviction takes the least recent probationary block (or, if that
// segment is empty, the least recent of the lowest non-empty one). Two segments by default,
// the protected ones sharing `slru_protected` of the capacity equally.
// Pinned blocks leave their segment and rejoin it as most recent.
#pragma once

#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class SlruPolicy final : public IEvictionPolicy {
 public:
  SlruPolicy(std::uint64_t capacity_blocks, std::int64_t segments, double protected_fraction);
  std::string_view name() const override { return "slru"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { lists_.remove(segment_[slot], slot); }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override { lists_.remove(segment_[slot], slot); }
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override;
  std::size_t memory_bytes() const override { return lists_.memory_bytes() + segment_.capacity(); }

 private:
  void rebalance(std::size_t from);

  std::size_t segments_;
  std::uint64_t protected_share_;  // blocks per protected segment
  SlotLists lists_;
  std::vector<std::uint8_t> segment_;  // by slot
};

}  // namespace kvtier
