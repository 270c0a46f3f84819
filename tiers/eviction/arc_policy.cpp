#include "tiers/eviction/arc_policy.h"

#include <algorithm>

namespace kvtier {

// Cases II and III adapt p and take the block out of its ghost list; case IV is a miss in
// every list. Done once per incoming block, before REPLACE can change the ghost lists.
void ArcPolicy::prepare(BlockId id) {
  pending_ = Pending{id, ghosts_.find(id), true, false};
  const auto b1 = static_cast<double>(ghosts_.size(kB1));
  const auto b2 = static_cast<double>(ghosts_.size(kB2));
  if (pending_.ghost == static_cast<int>(kB1)) {
    p_ = std::min(static_cast<double>(c_), p_ + (b1 >= b2 ? 1.0 : b2 / b1));
    ghosts_.remove(id);
  } else if (pending_.ghost == static_cast<int>(kB2)) {
    p_ = std::max(0.0, p_ - (b2 >= b1 ? 1.0 : b1 / b2));
    ghosts_.remove(id);
  }
}

Slot ArcPolicy::take_lru(std::size_t list, bool remember) {
  const Slot v = lists_.back(list);
  if (v == kNoSlot) return kNoSlot;
  lists_.remove(list, v);
  if (remember) ghosts_.push_front(list == kT1 ? kB1 : kB2, meta_[v].id);
  return v;
}

// REPLACE(x, p): from T1 if it is above its target (or at it, for a block coming back
// from B2), else from T2. Falls back to the other list when the chosen one holds only
// pinned blocks.
Slot ArcPolicy::replace(bool incoming_in_b2) {
  const auto size1 = static_cast<double>(t1());
  const bool from_t1 = t1() >= 1 && ((incoming_in_b2 && size1 == p_) || size1 > p_);
  Slot v = take_lru(from_t1 ? kT1 : kT2, true);
  if (v == kNoSlot) v = take_lru(from_t1 ? kT2 : kT1, true);
  return v;
}

Slot ArcPolicy::victim(const BlockAccess* incoming) {
  const BlockId id = incoming != nullptr ? incoming->id : 0;
  if (incoming == nullptr || !pending_.valid || pending_.id != id) {
    if (incoming != nullptr) {
      prepare(id);
    } else {
      pending_ = Pending{0, GhostLists::kNone, false, false};
    }
  }
  // Further evictions for the same block (a watermark emptying down) only REPLACE.
  if (pending_.ghost != GhostLists::kNone || pending_.directory_done) {
    return replace(pending_.ghost == static_cast<int>(kB2));
  }
  // Case IV.
  pending_.directory_done = true;
  if (t1() + ghosts_.size(kB1) >= c_) {
    if (t1() < c_) {
      if (ghosts_.size(kB1) > 0) ghosts_.pop_back(kB1);
      return replace(false);
    }
    const Slot v = take_lru(kT1, false);  // B1 is empty: T1's LRU leaves without a trace
    return v != kNoSlot ? v : take_lru(kT2, true);
  }
  if (t1() + t2() + ghosts_.size(kB1) + ghosts_.size(kB2) >= 2 * c_ && ghosts_.size(kB2) > 0) ghosts_.pop_back(kB2);
  return replace(false);
}

void ArcPolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (!pending_.valid || pending_.id != access.id) prepare(access.id);
  if (slot >= meta_.size()) meta_.resize(static_cast<std::size_t>(slot) + 1, Meta{0, 0, false});
  const bool seen_before = pending_.ghost != GhostLists::kNone;
  if (!seen_before && !pending_.directory_done) {
    // Case IV without REPLACE (there was room): keep the directory within c and 2c.
    if (t1() + ghosts_.size(kB1) >= c_ && ghosts_.size(kB1) > 0) {
      ghosts_.pop_back(kB1);
    } else if (t1() + t2() + ghosts_.size(kB1) + ghosts_.size(kB2) >= 2 * c_ && ghosts_.size(kB2) > 0) {
      ghosts_.pop_back(kB2);
    }
  }
  const std::size_t list = seen_before ? kT2 : kT1;
  meta_[slot] = Meta{access.id, static_cast<std::uint8_t>(list), false};
  lists_.push_front(list, slot);
  pending_.valid = false;
}

void ArcPolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  Meta& m = meta_[slot];
  if (m.list == kT2 && lists_.front(kT2) == slot) return;
  lists_.remove(m.list, slot);
  m.list = kT2;
  lists_.push_front(kT2, slot);
}

void ArcPolicy::on_pin(Slot slot) {
  Meta& m = meta_[slot];
  lists_.remove(m.list, slot);
  m.pinned = true;
  ++pinned_[m.list];
}

void ArcPolicy::on_unpin(Slot slot, const Release& release) {
  Meta& m = meta_[slot];
  m.pinned = false;
  --pinned_[m.list];
  if (release.hits > 0) m.list = kT2;  // seen again while in use: case I
  lists_.push_front(m.list, slot);
}

void ArcPolicy::on_erase(Slot slot) {
  Meta& m = meta_[slot];
  if (m.pinned) {
    --pinned_[m.list];
    m.pinned = false;
  } else {
    lists_.remove(m.list, slot);
  }
}

Slot ArcPolicy::victim_hint(int depth) const {
  const bool from_t1 = t1() >= 1 && static_cast<double>(t1()) > p_;
  const Slot v = lists_.back(from_t1 ? kT1 : kT2);
  return depth == 0 || v == kNoSlot ? v : lists_.prev(v);
}

}  // namespace kvtier
