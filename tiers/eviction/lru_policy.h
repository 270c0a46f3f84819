// Least recently used. Pinned blocks leave the order and rejoin as most recent when
// unpinned, as vLLM's free-block queue does: a block's recency is the end of its last use.
//
// The order is a queue of accesses, oldest first, rather than a linked list: an access
// appends the slot and marks its older entry stale, and eviction takes the oldest entry
// that is still current. A hit then writes one word where a list would unlink the block
// from two neighbours that are cold in a large tier, and the next victims lie in order in
// the queue, so they can be fetched into the cache ahead of their eviction. Stale entries
// are squeezed out when they outnumber current ones (amortised constant time per access).
// The victims are exactly a list LRU's.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "core/memory/prefetch.h"
#include "tiers/eviction/i_eviction_policy.h"

namespace kvtier {

class LruPolicy final : public IEvictionPolicy {
 public:
  std::string_view name() const override { return "lru"; }
  void on_insert(Slot slot, const BlockAccess& /*access*/) override { append(slot); }
  void on_hit(Slot slot, const BlockAccess& /*access*/) override {
    if (entry_[slot] == queue_.size()) return;  // already the most recent
    leave(slot);
    append(slot);
  }
  void on_pin(Slot slot) override { leave(slot); }
  // Out of the order at once: only its mark must exist (a slot that left is unmarked).
  void on_insert_pinned(Slot slot, const BlockAccess& /*access*/) override { grow(slot); }
  void on_hit_pinned(Slot slot, const BlockAccess& /*access*/) override { leave(slot); }
  void on_unpin(Slot slot, const Release& /*release*/) override { append(slot); }
  void on_erase(Slot slot) override { leave(slot); }
  Slot victim(const BlockAccess* incoming) override;
  // Exact at depth 0; deeper, the entry that many places further on, which may be stale.
  Slot victim_hint(int depth) const override;
  void prefetch_slot(Slot slot) const override {
    if (slot < entry_.size()) prefetch_line(&entry_[slot]);
  }
  std::size_t memory_bytes() const override {
    return queue_.capacity() * sizeof(Slot) + entry_.capacity() * sizeof(std::uint32_t);
  }

 private:
  // entry_[slot]: 1 + the index in queue_ of the slot's current entry, or kNotQueued.
  static constexpr std::uint32_t kNotQueued = 0;

  void grow(Slot slot) {
    if (slot >= entry_.size()) entry_.resize(static_cast<std::size_t>(slot) + 1, kNotQueued);
  }
  // Contract: `slot` is not queued.
  void append(Slot slot) {
    grow(slot);
    if (queue_.size() >= 2 * queued_ + kSlack) compact();
    queue_.push_back(slot);
    entry_[slot] = static_cast<std::uint32_t>(queue_.size());
    ++queued_;
  }
  void leave(Slot slot) {
    if (entry_[slot] == kNotQueued) return;
    entry_[slot] = kNotQueued;
    --queued_;
  }
  bool current(std::size_t i) const { return entry_[queue_[i]] == i + 1; }
  // Hints the cache line of the mark of the slot at queue index i, if there is one.
  void fetch_mark(std::size_t i) const;
  // Moves head_ past stale entries (which changes no victim).
  void skip_stale() const;
  void compact();

  static constexpr std::size_t kSlack = 1024;
  std::vector<Slot, HugePageAllocator<Slot>> queue_;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> entry_;
  mutable std::size_t head_ = 0;  // entries before it are consumed or stale
  std::size_t queued_ = 0;        // current entries
};

}  // namespace kvtier
