// BlockId -> Slot for one tier copy: open addressing with linear probing and
// backward-shift deletion (no tombstones, so long runs never slow down). 16 bytes a
// bucket at a load factor of at most 3/4.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/prefetch.h"
#include "core/memory/huge_page_allocator.h"
#include "tiers/block_id.h"

namespace kvtier {

class BlockIndex {
 public:
  explicit BlockIndex(std::size_t expected_entries = 0);

  Slot find(BlockId id) const {
    std::size_t i = home(id);
    for (;;) {
      const Bucket& b = buckets_[i];
      if (b.slot == kNoSlot) return kNoSlot;
      if (b.id == id) return b.slot;
      i = (i + 1) & mask_;
    }
  }
  // `id`'s slot, for the caller to change in place (never to kNoSlot); null when absent.
  Slot* find_mutable(BlockId id) {
    std::size_t i = home(id);
    for (;;) {
      Bucket& b = buckets_[i];
      if (b.slot == kNoSlot) return nullptr;
      if (b.id == id) return &b.slot;
      i = (i + 1) & mask_;
    }
  }
  // Calls f(Slot&) on every entry, in no meaningful order. Contract: f never sets kNoSlot.
  template <typename F>
  void for_each_slot(F&& f) {
    for (Bucket& b : buckets_) {
      if (b.slot != kNoSlot) f(b.slot);
    }
  }
  // Contract: `id` is absent.
  void insert(BlockId id, Slot slot);
  // Contract: `id` is present.
  void erase(BlockId id);
  // Hints the cache lines of `id`'s home bucket and the next, for replay loops that look
  // ahead: a probe that misses, and every erase, reads past the home bucket, and a quarter
  // of home buckets end their line.
  void prefetch(BlockId id) const {
    const std::size_t i = home(id);
    prefetch_line(&buckets_[i]);
    prefetch_line(&buckets_[(i + 1) & mask_]);
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return buckets_.capacity() * sizeof(Bucket); }

 private:
  struct Bucket {
    BlockId id;
    Slot slot;  // kNoSlot: empty
  };

  std::size_t home(BlockId id) const {
    // Fibonacci hashing: the multiply spreads sequential ids (as in Mooncake traces).
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void grow();

  std::vector<Bucket, HugePageAllocator<Bucket>> buckets_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace kvtier
