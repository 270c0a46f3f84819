#include "tiers/eviction/ttl_policy.h"

namespace kvtier {

void TtlPolicy::touch(Slot slot, SimTimeNs now) {
  if (slot >= last_use_.size()) last_use_.resize(static_cast<std::size_t>(slot) + 1, 0);
  last_use_[slot] = now;
  order_.push_front(0, slot);
}

void TtlPolicy::on_insert(Slot slot, const BlockAccess& access) { touch(slot, access.now); }

void TtlPolicy::on_hit(Slot slot, const BlockAccess& access) {
  order_.remove(0, slot);
  touch(slot, access.now);
}

void TtlPolicy::on_unpin(Slot slot, const Release& release) { touch(slot, release.now); }

Slot TtlPolicy::victim(const BlockAccess* /*incoming*/) {
  const Slot v = order_.back(0);
  if (v != kNoSlot) order_.remove(0, v);
  return v;
}

Slot TtlPolicy::surplus(SimTimeNs now) {
  const Slot v = order_.back(0);
  if (v == kNoSlot || now - last_use_[v] < ttl_ns_) return kNoSlot;
  order_.remove(0, v);
  return v;
}

}  // namespace kvtier
