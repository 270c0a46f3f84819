#include "tiers/eviction/tail_first_policy.h"

namespace kvtier {

void TailFirstPolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (slot >= position_.size()) {
    position_.resize(static_cast<std::size_t>(slot) + 1, 0);
    linked_.resize(static_cast<std::size_t>(slot) + 1, 0);
  }
  position_[slot] = access.position;
  place(slot, access.position);
}

void TailFirstPolicy::on_hit(Slot slot, const BlockAccess& access) {
  unlink(slot);
  position_[slot] = access.position;
  place(slot, access.position);
}

void TailFirstPolicy::place(Slot slot, std::uint32_t position) {
  const bool follows = position > 0 && anchor_ != kNoSlot && anchor_position_ + 1 == position && linked_[anchor_] != 0;
  if (follows) {
    order_.insert_after(0, anchor_, slot);
  } else {
    order_.push_front(0, slot);
  }
  linked_[slot] = 1;
  anchor_ = slot;
  anchor_position_ = position;
}

void TailFirstPolicy::unlink(Slot slot) {
  order_.remove(0, slot);
  linked_[slot] = 0;
}

Slot TailFirstPolicy::victim(const BlockAccess* /*incoming*/) {
  const Slot v = order_.back(0);
  if (v != kNoSlot) unlink(v);
  return v;
}

}  // namespace kvtier
