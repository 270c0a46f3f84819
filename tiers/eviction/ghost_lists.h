// Lists of ids of blocks no longer resident ("ghosts"), for policies that learn from
// what they evicted: ARC's B1/B2, 2Q's A1out, S3-FIFO's G. Each list is kept in order,
// front = newest; an id is in at most one list. Lookups by id go through an index.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/prefetch.h"
#include "tiers/block_index.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class GhostLists {
 public:
  static constexpr int kNone = -1;

  // Which list holds `id`, or kNone.
  int find(BlockId id) const {
    const Slot n = index_.find(id);
    return n == kNoSlot ? kNone : list_of_[n];
  }
  void push_front(std::size_t list, BlockId id);
  // Contract: find(id) != kNone.
  void remove(BlockId id);
  // Drops the oldest id of `list`. Contract: the list is not empty.
  void pop_back(std::size_t list);
  // Hints the cache lines the next pop_back(list) will touch: the index bucket of the
  // oldest id (ghosts leave in a known order, so this is never a wasted fetch), and the
  // id of the one after it.
  void prefetch_oldest(std::size_t list) const {
    const Slot oldest = order_.back(list);
    if (oldest == kNoSlot) return;
    index_.prefetch(ids_[oldest]);
    const Slot next = order_.prev(oldest);
    if (next != kNoSlot) prefetch_line(&ids_[next]);
  }
  std::uint64_t size(std::size_t list) const { return order_.size(list); }
  std::size_t memory_bytes() const;

 private:
  void release(Slot node);

  BlockIndex index_;  // id -> node
  SlotLists order_;
  std::vector<BlockId> ids_;  // by node
  std::vector<int> list_of_;  // by node
  std::vector<Slot> free_nodes_;
};

}  // namespace kvtier
