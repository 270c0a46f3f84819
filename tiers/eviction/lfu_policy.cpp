#include "tiers/eviction/lfu_policy.h"

namespace kvtier {

void LfuPolicy::on_insert(Slot slot, const BlockAccess& /*access*/) {
  Meta& m = meta(slot);
  m.count = 1;
  m.priority = age_ + 1;
  heap_.push(slot, Key{m.priority, ++clock_});
}

void LfuPolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  Meta& m = meta(slot);
  ++m.count;
  m.priority = age_ + m.count;
  heap_.update(slot, Key{m.priority, ++clock_});
}

void LfuPolicy::on_unpin(Slot slot, const Release& release) {
  Meta& m = meta(slot);
  if (release.hits > 0) {
    m.count += release.hits;
    m.priority = age_ + m.count;
  }
  heap_.push(slot, Key{m.priority, ++clock_});
}

Slot LfuPolicy::victim(const BlockAccess* /*incoming*/) {
  const Slot v = heap_.pop();
  if (v != kNoSlot && aging_) age_ = meta_[v].priority;
  return v;
}

}  // namespace kvtier
