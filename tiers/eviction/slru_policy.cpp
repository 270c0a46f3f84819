#include "tiers/eviction/slru_policy.h"

#include <algorithm>
#include <cmath>

namespace kvtier {

SlruPolicy::SlruPolicy(std::uint64_t capacity_blocks, std::int64_t segments, double protected_fraction)
    : segments_(static_cast<std::size_t>(segments)),
      protected_share_(std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(std::floor(static_cast<double>(capacity_blocks) * protected_fraction /
                                                   static_cast<double>(segments - 1))))) {}

void SlruPolicy::on_insert(Slot slot, const BlockAccess& /*access*/) {
  if (slot >= segment_.size()) segment_.resize(static_cast<std::size_t>(slot) + 1, 0);
  segment_[slot] = 0;
  lists_.push_front(0, slot);
}

void SlruPolicy::on_hit(Slot slot, const BlockAccess& /*access*/) {
  const std::size_t from = segment_[slot];
  const std::size_t to = std::min(from + 1, segments_ - 1);
  lists_.remove(from, slot);
  segment_[slot] = static_cast<std::uint8_t>(to);
  lists_.push_front(to, slot);
  rebalance(to);
}

void SlruPolicy::on_unpin(Slot slot, const Release& release) {
  lists_.push_front(segment_[slot], slot);
  if (release.hits > 0) {
    on_hit(slot, BlockAccess{});
  } else {
    rebalance(segment_[slot]);
  }
}

// A protected segment over its share pushes its least recent block one segment down, which
// may overflow in turn; the probationary segment takes whatever is left.
void SlruPolicy::rebalance(std::size_t from) {
  for (std::size_t s = from; s >= 1 && lists_.size(s) > protected_share_; --s) {
    const Slot down = lists_.back(s);
    lists_.remove(s, down);
    segment_[down] = static_cast<std::uint8_t>(s - 1);
    lists_.push_front(s - 1, down);
  }
}

Slot SlruPolicy::victim(const BlockAccess* /*incoming*/) {
  for (std::size_t s = 0; s < segments_; ++s) {
    const Slot v = lists_.back(s);
    if (v != kNoSlot) {
      lists_.remove(s, v);
      return v;
    }
  }
  return kNoSlot;
}

Slot SlruPolicy::victim_hint(int depth) const {
  for (std::size_t s = 0; s < segments_; ++s) {
    const Slot v = lists_.back(s);
    if (v != kNoSlot) return depth == 0 ? v : lists_.prev(v);
  }
  return kNoSlot;
}

}  // namespace kvtier
