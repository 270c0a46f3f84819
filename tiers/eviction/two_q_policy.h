// 2Q, full version (Johnson and Shasha, "2Q: A Low Overhead High Performance Buffer
// Management Replacement Algorithm", VLDB'94). A1in is a FIFO of blocks seen once, Am an
// LRU of blocks seen again, A1out remembers the ids evicted from A1in. A new block enters
// A1in, or Am if A1out remembers it; a hit in A1in changes nothing (a correlated
// reference); a hit in Am makes it most recent. Room comes from A1in while it holds more
// than Kin blocks (its victim's id goes to A1out, which keeps Kout ids), else from Am.
// The paper's tuning: Kin = 25% of the cache, Kout = 50%.
// Pinned blocks leave their queue and rejoin it at the newest end.
#pragma once

#include <vector>

#include "tiers/eviction/ghost_lists.h"
#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class TwoQPolicy final : public IEvictionPolicy {
 public:
  TwoQPolicy(std::uint64_t capacity_blocks, double kin, double kout);
  std::string_view name() const override { return "2q"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { lists_.remove(queue_[slot], slot); }
  void on_unpin(Slot slot, const Release& /*release*/) override { lists_.push_front(queue_[slot], slot); }
  void on_erase(Slot slot) override { lists_.remove(queue_[slot], slot); }
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override;
  std::size_t memory_bytes() const override {
    return lists_.memory_bytes() + queue_.capacity() + ids_.capacity() * sizeof(BlockId) + a1out_.memory_bytes();
  }

 private:
  static constexpr std::size_t kA1in = 0;
  static constexpr std::size_t kAm = 1;

  std::uint64_t kin_;
  std::uint64_t kout_;
  SlotLists lists_;
  std::vector<std::uint8_t> queue_;  // by slot
  std::vector<BlockId> ids_;        // by slot
  GhostLists a1out_;
  // A block A1out remembered when room was made for it: it goes to Am even if making room
  // pushed its id out of A1out (the paper decides before reclaiming).
  BlockId remembered_ = 0;
  bool has_remembered_ = false;
};

}  // namespace kvtier
