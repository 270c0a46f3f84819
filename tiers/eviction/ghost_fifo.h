// One FIFO list of ghost ids (S3-FIFO's G): a ring of ids in arrival order and an index
// from id to its place in the ring. Removing an id from the middle leaves a hole in the
// ring that the oldest end skips over; the ring grows when holes and ids fill it. The
// same order and contents as a linked list, with one array write a push and no links.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/prefetch.h"
#include "tiers/block_index.h"

namespace kvtier {

class GhostFifo {
 public:
  // Sized for `expected` ids at a low load, so that lookups and removals probe short runs.
  explicit GhostFifo(std::uint64_t expected = 0) : index_(static_cast<std::size_t>(expected * 2)) {}
  bool contains(BlockId id) const { return index_.find(id) != kNoSlot; }
  void push_front(BlockId id);
  // Contract: contains(id).
  void remove(BlockId id);
  // Removes `id` if present, in one probe of the index when absent (the common case).
  bool take(BlockId id) {
    const Slot place = index_.find(id);
    if (place == kNoSlot) return false;
    forget(id, place);
    return true;
  }
  // Hints the index bucket a lookup of `id` reads.
  void prefetch(BlockId id) const { index_.prefetch(id); }
  // Drops the oldest id. Contract: size() > 0.
  void pop_back();
  std::uint64_t size() const { return index_.size(); }
  // Hints what the next pop_back() touches (the oldest id's index bucket): ghosts leave in
  // a known order, so this fetch is never wasted.
  void prefetch_oldest() const {
    for (std::uint64_t at = head_; at < tail_; ++at) {
      const Entry& e = ring_[at & mask_];
      if (e.live) {
        index_.prefetch(e.id);
        return;
      }
    }
  }
  std::size_t memory_bytes() const { return index_.memory_bytes() + ring_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    BlockId id;
    bool live;
  };
  void grow();
  void forget(BlockId id, Slot place);

  BlockIndex index_;  // id -> ring position (low 32 bits of its sequence number)
  std::vector<Entry> ring_;
  std::uint64_t mask_ = 0;
  std::uint64_t head_ = 0;  // sequence number of the oldest entry (live or hole)
  std::uint64_t tail_ = 0;  // the next sequence number
};

}  // namespace kvtier
