#include "tiers/eviction/lfu_policy.h"

namespace kvtier {

void LfuPolicy::on_insert(Slot slot, const BlockAccess& /*access*/) {
  Meta& m = meta(slot);
  m.count = 1;
  m.priority = age_ + 1;
  m.stamp = ++clock_;
  // Stamps only grow, so the list stays sorted if no newcomer has a lower K than the last.
  const Slot newest = newcomers_.front(0);
  m.newcomer = newest == kNoSlot || meta_[newest].priority <= m.priority;
  if (m.newcomer) {
    newcomers_.push_front(0, slot);
  } else {
    heap_.push(slot, key(slot));
  }
}

void LfuPolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  Meta& m = meta(slot);
  ++m.count;
  m.priority = age_ + m.count;
  m.stamp = ++clock_;
  if (m.newcomer) {
    newcomers_.remove(0, slot);
    m.newcomer = false;
    heap_.push(slot, key(slot));
  } else {
    heap_.update(slot, key(slot));
  }
}

void LfuPolicy::on_unpin(Slot slot, const Release& release) {
  Meta& m = meta(slot);
  if (release.hits > 0) {
    m.count += release.hits;
    m.priority = age_ + m.count;
  }
  m.stamp = ++clock_;
  heap_.push(slot, key(slot));
}

void LfuPolicy::leave(Slot slot) {
  Meta& m = meta_[slot];
  if (m.newcomer) {
    newcomers_.remove(0, slot);
    m.newcomer = false;
  } else {
    heap_.remove(slot);
  }
}

Slot LfuPolicy::lowest() const {
  const Slot top = heap_.top();
  const Slot oldest = newcomers_.back(0);
  if (top == kNoSlot) return oldest;
  if (oldest == kNoSlot) return top;
  return key(oldest) < key(top) ? oldest : top;
}

Slot LfuPolicy::victim(const BlockAccess* /*incoming*/) {
  const Slot v = lowest();
  if (v == kNoSlot) return kNoSlot;
  leave(v);
  if (aging_) age_ = meta_[v].priority;
  return v;
}

}  // namespace kvtier
