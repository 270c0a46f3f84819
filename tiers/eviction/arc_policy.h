// Adaptive Replacement Cache (Megiddo and Modha, "ARC: A Self-Tuning, Low Overhead
// Replacement Cache", FAST'03). Resident blocks are in T1 (seen once recently) or T2 (seen
// at least twice); B1 and B2 remember the ids evicted from each. A hit in B1 grows the
// target size p of T1, a hit in B2 shrinks it; REPLACE evicts from T1 while it is above
// p, else from T2. Follows the paper's cases I-IV, with p real-valued.
// Pinned blocks leave their list (still counted in its size) and rejoin it as most recent.
#pragma once

#include <vector>

#include "tiers/eviction/ghost_lists.h"
#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class ArcPolicy final : public IEvictionPolicy {
 public:
  explicit ArcPolicy(std::uint64_t capacity_blocks) : c_(capacity_blocks) {}
  std::string_view name() const override { return "arc"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override;
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override;
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override;
  std::size_t memory_bytes() const override {
    return lists_.memory_bytes() + meta_.capacity() * sizeof(Meta) + ghosts_.memory_bytes();
  }

 private:
  static constexpr std::size_t kT1 = 0;
  static constexpr std::size_t kT2 = 1;
  static constexpr std::size_t kB1 = 0;
  static constexpr std::size_t kB2 = 1;
  struct Meta {
    BlockId id;
    std::uint8_t list;
    bool pinned;
  };
  // The case of the block room is being made for, decided once (before any eviction).
  struct Pending {
    BlockId id = 0;
    int ghost = GhostLists::kNone;  // which ghost list held it
    bool valid = false;
    bool directory_done = false;  // case IV's ghost trimming already applied
  };

  std::uint64_t t1() const { return lists_.size(kT1) + pinned_[kT1]; }
  std::uint64_t t2() const { return lists_.size(kT2) + pinned_[kT2]; }
  void prepare(BlockId id);
  Slot replace(bool incoming_in_b2);
  Slot take_lru(std::size_t list, bool remember);

  std::uint64_t c_;
  double p_ = 0;
  SlotLists lists_;
  std::uint64_t pinned_[2] = {0, 0};
  std::vector<Meta> meta_;
  GhostLists ghosts_;
  Pending pending_;
};

}  // namespace kvtier
