#include "tiers/eviction/lru_policy.h"

#include "core/memory/prefetch.h"

namespace kvtier {

namespace {
// How far ahead of the queue's head an entry's mark is fetched: far enough that it is in
// the cache when the head gets there, near enough that it still is.
constexpr std::size_t kAhead = 16;
}  // namespace

void LruPolicy::fetch_mark(std::size_t i) const {
  if (i < queue_.size()) prefetch_line(&entry_[queue_[i]]);
}

void LruPolicy::skip_stale() const {
  while (head_ < queue_.size() && !current(head_)) {
    ++head_;
    fetch_mark(head_ + kAhead);
  }
}

Slot LruPolicy::victim(const BlockAccess* /*incoming*/) {
  skip_stale();
  if (head_ == queue_.size()) return kNoSlot;
  const Slot v = queue_[head_++];
  fetch_mark(head_ + kAhead);
  entry_[v] = kNotQueued;
  --queued_;
  return v;
}

Slot LruPolicy::victim_hint(int depth) const {
  skip_stale();
  const std::size_t i = head_ + static_cast<std::size_t>(depth);
  return i < queue_.size() ? queue_[i] : kNoSlot;
}

void LruPolicy::compact() {
  std::size_t kept = 0;
  for (std::size_t i = head_; i < queue_.size(); ++i) {
    fetch_mark(i + kAhead);
    if (!current(i)) continue;
    const Slot s = queue_[i];
    queue_[kept++] = s;
    entry_[s] = static_cast<std::uint32_t>(kept);
  }
  queue_.resize(kept);
  head_ = 0;
}

}  // namespace kvtier
