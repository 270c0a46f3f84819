// An indexed 4-ary min-heap of slots by key, for priority-based policies (LFU, Belady,
// LengthAware): push, remove and re-key any slot in O(log n). Keys are compared with <,
// and must be unique among the slots present so that the order is total and every run
// is deterministic.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "tiers/block_id.h"

namespace kvtier {

template <class Key>
class SlotHeap {
 public:
  bool contains(Slot s) const { return s < pos_.size() && pos_[s] != kAbsent; }
  std::size_t size() const { return heap_.size(); }
  Slot top() const { return heap_.empty() ? kNoSlot : heap_.front().slot; }
  Slot at(std::size_t i) const { return i < heap_.size() ? heap_[i].slot : kNoSlot; }

  void push(Slot s, const Key& key) {
    if (s >= pos_.size()) pos_.resize(static_cast<std::size_t>(s) + 1, kAbsent);
    heap_.push_back(Entry{key, s});
    sift_up(heap_.size() - 1);
  }
  // Contract: contains(s).
  void update(Slot s, const Key& key) {
    const std::size_t i = pos_[s];
    const bool smaller = key < heap_[i].key;
    heap_[i].key = key;
    if (smaller) {
      sift_up(i);
    } else {
      sift_down(i);
    }
  }
  // Contract: contains(s).
  void remove(Slot s) {
    const std::size_t i = pos_[s];
    pos_[s] = kAbsent;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (i == heap_.size()) return;
    heap_[i] = last;
    pos_[last.slot] = static_cast<std::uint32_t>(i);
    if (i > 0 && last.key < heap_[(i - 1) / kArity].key) {
      sift_up(i);
    } else {
      sift_down(i);
    }
  }
  Slot pop() {
    const Slot s = top();
    if (s != kNoSlot) remove(s);
    return s;
  }
  std::size_t memory_bytes() const { return heap_.capacity() * sizeof(Entry) + pos_.capacity() * sizeof(std::uint32_t); }

 private:
  static constexpr std::size_t kArity = 4;
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  struct Entry {
    Key key;
    Slot slot;
  };

  void place(std::size_t i, const Entry& e) {
    heap_[i] = e;
    pos_[e.slot] = static_cast<std::uint32_t>(i);
  }
  void sift_up(std::size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!(e.key < heap_[parent].key)) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, e);
  }
  void sift_down(std::size_t i) {
    const Entry e = heap_[i];
    const std::size_t n = heap_.size();
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (heap_[c].key < heap_[best].key) best = c;
      }
      if (!(heap_[best].key < e.key)) break;
      place(i, heap_[best]);
      i = best;
    }
    place(i, e);
  }

  std::vector<Entry, HugePageAllocator<Entry>> heap_;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> pos_;
};

}  // namespace kvtier
