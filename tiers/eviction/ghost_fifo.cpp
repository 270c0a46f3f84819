#include "tiers/eviction/ghost_fifo.h"

namespace kvtier {

void GhostFifo::grow() {
  std::vector<Entry> bigger(ring_.empty() ? 64 : ring_.size() * 2);
  const std::uint64_t mask = bigger.size() - 1;
  for (std::uint64_t at = head_; at < tail_; ++at) bigger[at & mask] = ring_[at & mask_];
  ring_.swap(bigger);
  mask_ = mask;
  // Places in the ring moved with its size: the index names them again.
  for (std::uint64_t at = head_; at < tail_; ++at) {
    const Entry& e = ring_[at & mask_];
    if (e.live) {
      index_.erase(e.id);
      index_.insert(e.id, static_cast<Slot>(at & mask_));
    }
  }
}

void GhostFifo::push_front(BlockId id) {
  if (tail_ - head_ == ring_.size()) grow();
  const std::uint64_t place = tail_++ & mask_;
  ring_[place] = Entry{id, true};
  index_.insert(id, static_cast<Slot>(place));
}

void GhostFifo::remove(BlockId id) { forget(id, index_.find(id)); }

void GhostFifo::forget(BlockId id, Slot place) {
  ring_[place].live = false;
  index_.erase(id);
  // Holes at the oldest end go at once, so that the ring holds few.
  while (head_ < tail_ && !ring_[head_ & mask_].live) ++head_;
}

void GhostFifo::pop_back() {
  while (!ring_[head_ & mask_].live) ++head_;
  Entry& e = ring_[head_++ & mask_];
  e.live = false;
  index_.erase(e.id);
  while (head_ < tail_ && !ring_[head_ & mask_].live) ++head_;
}

}  // namespace kvtier
