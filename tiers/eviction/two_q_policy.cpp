#include "tiers/eviction/two_q_policy.h"

#include <algorithm>
#include <cmath>

namespace kvtier {

TwoQPolicy::TwoQPolicy(std::uint64_t capacity_blocks, double kin, double kout)
    : kin_(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::floor(static_cast<double>(capacity_blocks) * kin)))),
      kout_(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::floor(static_cast<double>(capacity_blocks) * kout)))) {}

void TwoQPolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (slot >= queue_.size()) {
    queue_.resize(static_cast<std::size_t>(slot) + 1, 0);
    ids_.resize(static_cast<std::size_t>(slot) + 1, 0);
  }
  ids_[slot] = access.id;
  const bool remembered = has_remembered_ && remembered_ == access.id;
  has_remembered_ = false;
  if (remembered) {
    queue_[slot] = kAm;
  } else if (a1out_.find(access.id) != GhostLists::kNone) {
    a1out_.remove(access.id);
    queue_[slot] = kAm;
  } else {
    queue_[slot] = kA1in;
  }
  lists_.push_front(queue_[slot], slot);
}

void TwoQPolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  if (queue_[slot] != kAm || lists_.front(kAm) == slot) return;
  lists_.remove(kAm, slot);
  lists_.push_front(kAm, slot);
}

Slot TwoQPolicy::victim(const BlockAccess* incoming) {
  if (incoming != nullptr && a1out_.find(incoming->id) != GhostLists::kNone) {
    a1out_.remove(incoming->id);
    remembered_ = incoming->id;
    has_remembered_ = true;
  }
  const bool from_a1in = lists_.size(kA1in) > kin_ || lists_.size(kAm) == 0;
  const std::size_t q = from_a1in ? kA1in : kAm;
  const Slot v = lists_.back(q);
  if (v == kNoSlot) return kNoSlot;
  lists_.remove(q, v);
  if (from_a1in) {
    a1out_.push_front(0, ids_[v]);
    if (a1out_.size(0) > kout_) a1out_.pop_back(0);
  }
  return v;
}

Slot TwoQPolicy::victim_hint(int depth) const {
  const std::size_t q = lists_.size(kA1in) > kin_ || lists_.size(kAm) == 0 ? kA1in : kAm;
  const Slot v = lists_.back(q);
  return depth == 0 || v == kNoSlot ? v : lists_.prev(v);
}

}  // namespace kvtier
