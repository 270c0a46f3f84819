#include "tiers/eviction/belady_policy.h"

namespace kvtier {

void BeladyPolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (slot >= next_use_.size()) next_use_.resize(static_cast<std::size_t>(slot) + 1, kNeverUsedAgain);
  next_use_[slot] = access.next_use;
  heap_.push(slot, Key{~access.next_use, ++clock_});
}

void BeladyPolicy::on_hit(Slot slot, const BlockAccess& access) {
  next_use_[slot] = access.next_use;
  heap_.update(slot, Key{~access.next_use, ++clock_});
}

void BeladyPolicy::on_unpin(Slot slot, const Release& release) {
  next_use_[slot] = release.next_use;
  heap_.push(slot, Key{~release.next_use, ++clock_});
}

}  // namespace kvtier
