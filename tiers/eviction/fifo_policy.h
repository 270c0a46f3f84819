// First in, first out: blocks leave in insertion order; hits change nothing. A pinned
// block that reaches the end is set aside and, once unpinned, is the next to go: it
// keeps its age.
#pragma once

#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class FifoPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "fifo"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot /*slot*/, const BlockAccess& /*access*/) override {}
  void on_pin(Slot slot) override { state(slot) |= kPinned; }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override;
  Slot victim(const BlockAccess* incoming) override;
  Slot victim_hint(int depth) const override {
    const Slot tail = lists_.back(kQueue);
    return depth == 0 || tail == kNoSlot ? tail : lists_.prev(tail);
  }
  std::size_t memory_bytes() const override { return lists_.memory_bytes() + state_.capacity(); }

 private:
  static constexpr std::size_t kQueue = 0;
  static constexpr std::size_t kSetAside = 1;  // pinned blocks found at the end
  static constexpr std::uint8_t kPinned = 1;
  static constexpr std::uint8_t kAside = 2;
  std::uint8_t& state(Slot s) {
    if (s >= state_.size()) state_.resize(static_cast<std::size_t>(s) + 1, 0);
    return state_[s];
  }

  SlotLists lists_;
  std::vector<std::uint8_t> state_;
};

}  // namespace kvtier
