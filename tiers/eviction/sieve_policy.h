// SIEVE (Zhang, Yang, Yue, Vigfusson, Rashmi, "SIEVE is Simpler than LRU: an Efficient
// Turn-Key Eviction Algorithm for Web Caches", NSDI'24). A FIFO queue with one visited bit
// per block and a hand that moves from the oldest towards the newest block: a hit sets the
// bit; eviction clears set bits as the hand passes and evicts the first unset block.
// New blocks enter at the newest end. The hand passes over pinned blocks.
#pragma once

#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class SievePolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "sieve"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& /*access*/) override { flags_[slot] |= kVisited; }
  void on_pin(Slot slot) override { flags_[slot] |= kPinned; }
  void on_unpin(Slot slot, const Release& release) override {
    flags_[slot] &= static_cast<std::uint8_t>(~kPinned);
    if (release.hits > 0) flags_[slot] |= kVisited;
  }
  void on_erase(Slot slot) override;
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override { return depth == 0 && hand_ != kNoSlot ? hand_ : queue_.back(0); }
  std::size_t memory_bytes() const override { return queue_.memory_bytes() + flags_.capacity(); }

 private:
  static constexpr std::uint8_t kVisited = 1;
  static constexpr std::uint8_t kPinned = 2;

  SlotLists queue_;  // front: newest
  std::vector<std::uint8_t> flags_;
  Slot hand_ = kNoSlot;  // kNoSlot: start from the oldest
};

}  // namespace kvtier
