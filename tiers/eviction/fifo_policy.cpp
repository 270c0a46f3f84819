#include "tiers/eviction/fifo_policy.h"

namespace kvtier {

void FifoPolicy::on_insert(Slot slot, const BlockAccess& /*access*/) {
  state(slot) = 0;
  lists_.push_front(kQueue, slot);
}

void FifoPolicy::on_unpin(Slot slot, const Release& /*release*/) {
  std::uint8_t& s = state(slot);
  s &= static_cast<std::uint8_t>(~kPinned);
  if ((s & kAside) != 0) {
    s = 0;
    lists_.remove(kSetAside, slot);
    lists_.push_back(kQueue, slot);
  }
}

void FifoPolicy::on_erase(Slot slot) {
  lists_.remove((state(slot) & kAside) != 0 ? kSetAside : kQueue, slot);
  state(slot) = 0;
}

Slot FifoPolicy::victim(const BlockAccess* /*incoming*/) {
  for (Slot v = lists_.back(kQueue); v != kNoSlot; v = lists_.back(kQueue)) {
    lists_.remove(kQueue, v);
    if ((state_[v] & kPinned) == 0) return v;
    state_[v] |= kAside;
    lists_.push_front(kSetAside, v);
  }
  return kNoSlot;
}

}  // namespace kvtier
