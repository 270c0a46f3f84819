#include "tiers/eviction/sieve_policy.h"

namespace kvtier {

void SievePolicy::on_insert(Slot slot, const BlockAccess& /*access*/) {
  if (slot >= flags_.size()) flags_.resize(static_cast<std::size_t>(slot) + 1, 0);
  flags_[slot] = 0;
  queue_.push_front(0, slot);
}

void SievePolicy::on_erase(Slot slot) {
  if (hand_ == slot) hand_ = queue_.prev(slot);
  queue_.remove(0, slot);
}

Slot SievePolicy::victim(const BlockAccess* /*incoming*/) {
  if (queue_.size(0) == 0) return kNoSlot;
  Slot o = hand_ != kNoSlot ? hand_ : queue_.back(0);
  // Two passes clear every visited bit; anything still standing after that is pinned.
  for (std::uint64_t steps = 0; steps <= 2 * queue_.size(0); ++steps) {
    if (flags_[o] == 0) {
      hand_ = queue_.prev(o);
      queue_.remove(0, o);
      return o;
    }
    flags_[o] &= static_cast<std::uint8_t>(~kVisited);
    o = queue_.prev(o);
    if (o == kNoSlot) o = queue_.back(0);
  }
  return kNoSlot;
}

}  // namespace kvtier
