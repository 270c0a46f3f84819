// Doubly linked lists over slots, several sharing one links array: the building block of
// list-based policies (LRU, FIFO, SLRU segments, ARC's T1/T2, 2Q, S3-FIFO, SIEVE). A slot
// is in at most one list. 8 bytes of links per slot, 32-bit indices; front = newest.
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/huge_page_allocator.h"
#include "tiers/block_id.h"

namespace kvtier {

class SlotLists {
 public:
  // Every list index passed in is below kMaxLists.
  static constexpr std::size_t kMaxLists = 16;

  void push_front(std::size_t list, Slot s);
  void push_back(std::size_t list, Slot s);
  // Puts s right behind `anchor` (towards the back). Contract: anchor is in `list`.
  void insert_after(std::size_t list, Slot anchor, Slot s);
  void remove(std::size_t list, Slot s);
  Slot front(std::size_t list) const { return heads_[list].front; }
  Slot back(std::size_t list) const { return heads_[list].back; }
  Slot next(Slot s) const { return links_[s].next; }  // towards the back
  Slot prev(Slot s) const { return links_[s].prev; }  // towards the front
  std::uint64_t size(std::size_t list) const { return heads_[list].size; }
  std::size_t memory_bytes() const { return links_.capacity() * sizeof(Links); }

 private:
  struct Links {
    Slot prev;
    Slot next;
  };
  struct Head {
    Slot front = kNoSlot;
    Slot back = kNoSlot;
    std::uint64_t size = 0;
  };
  void grow(Slot s) {
    if (s >= links_.size()) links_.resize(static_cast<std::size_t>(s) + 1, Links{kNoSlot, kNoSlot});
  }

  std::vector<Links, HugePageAllocator<Links>> links_;
  Head heads_[kMaxLists];  // inline: list operations are on every replay's hot path
};

// Defined here so that they inline into every policy's hot path.
inline void SlotLists::push_front(std::size_t list, Slot s) {
  grow(s);
  Head& h = heads_[list];
  links_[s] = Links{kNoSlot, h.front};
  if (h.front != kNoSlot) {
    links_[h.front].prev = s;
  } else {
    h.back = s;
  }
  h.front = s;
  ++h.size;
}

inline void SlotLists::push_back(std::size_t list, Slot s) {
  grow(s);
  Head& h = heads_[list];
  links_[s] = Links{h.back, kNoSlot};
  if (h.back != kNoSlot) {
    links_[h.back].next = s;
  } else {
    h.front = s;
  }
  h.back = s;
  ++h.size;
}

inline void SlotLists::insert_after(std::size_t list, Slot anchor, Slot s) {
  grow(s);
  Head& h = heads_[list];
  const Slot after = links_[anchor].next;
  links_[s] = Links{anchor, after};
  links_[anchor].next = s;
  if (after != kNoSlot) {
    links_[after].prev = s;
  } else {
    h.back = s;
  }
  ++h.size;
}

inline void SlotLists::remove(std::size_t list, Slot s) {
  Head& h = heads_[list];
  const Links l = links_[s];
  if (l.prev != kNoSlot) {
    links_[l.prev].next = l.next;
  } else {
    h.front = l.next;
  }
  if (l.next != kNoSlot) {
    links_[l.next].prev = l.prev;
  } else {
    h.back = l.prev;
  }
  links_[s] = Links{kNoSlot, kNoSlot};
  --h.size;
}

}  // namespace kvtier
