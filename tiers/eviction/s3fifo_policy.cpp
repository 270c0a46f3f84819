#include "tiers/eviction/s3fifo_policy.h"

#include <algorithm>
#include <cmath>

namespace kvtier {

S3FifoPolicy::S3FifoPolicy(std::uint64_t capacity_blocks, double small_fraction, std::int64_t move_threshold)
    : small_target_(std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(std::floor(static_cast<double>(capacity_blocks) * small_fraction)))),
      main_target_(capacity_blocks > small_target_ ? capacity_blocks - small_target_ : 1),
      move_threshold_(static_cast<std::uint8_t>(move_threshold)),
      ghost_(main_target_) {}

void S3FifoPolicy::on_insert(Slot slot, const BlockAccess& access) {
  if (slot >= meta_.size()) {
    meta_.resize(static_cast<std::size_t>(slot) + 1, Meta{0, 0, false});
    ids_.resize(static_cast<std::size_t>(slot) + 1, 0);
  }
  const std::size_t q = ghost_.take(access.id) ? kMain : kSmall;
  meta_[slot] = Meta{0, static_cast<std::uint8_t>(q), false};
  ids_[slot] = access.id;
  queues_.push_front(q, slot);
}

Slot S3FifoPolicy::evict_main() {
  for (Slot t = queues_.back(kMain); t != kNoSlot; t = queues_.back(kMain)) {
    queues_.remove(kMain, t);
    if (meta_[t].freq == 0) return t;
    --meta_[t].freq;
    queues_.push_front(kMain, t);
  }
  return kNoSlot;
}

void S3FifoPolicy::evict_step() {
  evicted_.clear();
  handed_ = 0;
  const bool from_small = queues_.size(kSmall) > 0 && (size(kSmall) >= small_target_ || queues_.size(kMain) == 0);
  if (from_small) {
    while (queues_.size(kSmall) > 0) {
      const Slot t = queues_.back(kSmall);
      queues_.remove(kSmall, t);
      Meta& m = meta_[t];
      if (m.freq >= move_threshold_) {
        m.freq = 0;
        m.queue = kMain;
        queues_.push_front(kMain, t);
        if (size(kMain) > main_target_) {
          const Slot v = evict_main();
          if (v != kNoSlot) evicted_.push_back(v);
        }
        continue;
      }
      ghost_.push_front(ids_[t]);
      if (ghost_.size() > main_target_) {
        ghost_.pop_back();
        ghost_.prefetch_oldest();
      }
      evicted_.push_back(t);
      // S's next oldest is likely the next ghost: fetch where it will go.
      if (const Slot next = queues_.back(kSmall); next != kNoSlot) ghost_.prefetch(ids_[next]);
      return;
    }
    if (!evicted_.empty()) return;
  }
  const Slot v = evict_main();
  if (v != kNoSlot) evicted_.push_back(v);
}

Slot S3FifoPolicy::victim(const BlockAccess* /*incoming*/) {
  if (handed_ < evicted_.size()) return evicted_[handed_++];
  // A step that found nothing in S (every block moved to M) is followed by another, as
  // the paper's INSERT loops on EVICT while the cache is full.
  for (int attempt = 0; attempt < 2; ++attempt) {
    evict_step();
    if (!evicted_.empty()) return evicted_[handed_++];
  }
  return kNoSlot;
}

Slot S3FifoPolicy::surplus(SimTimeNs /*now*/) { return handed_ < evicted_.size() ? evicted_[handed_++] : kNoSlot; }

void S3FifoPolicy::on_pin(Slot slot) {
  Meta& m = meta_[slot];
  queues_.remove(m.queue, slot);
  m.pinned = true;
  ++pinned_[m.queue];
}

void S3FifoPolicy::on_unpin(Slot slot, const Release& release) {
  Meta& m = meta_[slot];
  m.pinned = false;
  m.freq = static_cast<std::uint8_t>(std::min<std::uint32_t>(m.freq + release.hits, 3));
  --pinned_[m.queue];
  queues_.push_front(m.queue, slot);
}

void S3FifoPolicy::on_erase(Slot slot) {
  Meta& m = meta_[slot];
  if (m.pinned) {
    --pinned_[m.queue];
    m.pinned = false;
  } else {
    queues_.remove(m.queue, slot);
  }
}

Slot S3FifoPolicy::victim_hint(int depth) const {
  const bool from_small = queues_.size(kSmall) > 0 && (size(kSmall) >= small_target_ || queues_.size(kMain) == 0);
  const Slot v = queues_.back(from_small ? kSmall : kMain);
  return depth == 0 || v == kNoSlot ? v : queues_.prev(v);
}

}  // namespace kvtier
