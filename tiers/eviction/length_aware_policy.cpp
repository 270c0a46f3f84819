#include "tiers/eviction/length_aware_policy.h"

namespace kvtier {

void LengthAwarePolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (slot >= meta_.size()) meta_.resize(static_cast<std::size_t>(slot) + 1, Meta{0, 0});
  meta_[slot] = Meta{access.position, 1};
  heap_.push(slot, key(slot));
}

void LengthAwarePolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  ++meta_[slot].count;
  heap_.update(slot, key(slot));
}

void LengthAwarePolicy::on_unpin(Slot slot, const Release& release) {
  meta_[slot].count += release.hits;
  heap_.push(slot, key(slot));
}

}  // namespace kvtier
