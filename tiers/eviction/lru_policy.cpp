#include "tiers/eviction/lru_policy.h"

namespace kvtier {

void LruPolicy::on_insert(Slot slot, BlockId /*id*/) {
  if (slot >= links_.size()) links_.resize(static_cast<std::size_t>(slot) + 1, Links{kNoSlot, kNoSlot});
  push_front(slot);
}

void LruPolicy::on_hit(Slot slot) {
  if (slot == head_) return;
  unlink(slot);
  push_front(slot);
}

Slot LruPolicy::victim() {
  const Slot v = tail_;
  if (v != kNoSlot) unlink(v);
  return v;
}

void LruPolicy::unlink(Slot slot) {
  Links& l = links_[slot];
  if (l.prev != kNoSlot) {
    links_[l.prev].next = l.next;
  } else {
    head_ = l.next;
  }
  if (l.next != kNoSlot) {
    links_[l.next].prev = l.prev;
  } else {
    tail_ = l.prev;
  }
  l = Links{kNoSlot, kNoSlot};
}

void LruPolicy::push_front(Slot slot) {
  Links& l = links_[slot];
  l.prev = kNoSlot;
  l.next = head_;
  if (head_ != kNoSlot) {
    links_[head_].prev = slot;
  } else {
    tail_ = slot;
  }
  head_ = slot;
}

}  // namespace kvtier
