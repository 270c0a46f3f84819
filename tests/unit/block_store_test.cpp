#include <doctest/doctest.h>

#include <algorithm>
#include <list>

#include "core/rng/rng.h"
#include "tiers/block_store.h"
#include "tiers/eviction/lru_policy.h"

using namespace kvtier;

namespace {
// A textbook LRU with pinning, written for clarity: a list, most recent first, searched
// linearly. Pinned entries are skipped by eviction; releasing a pin is a use.
class ReferenceLru {
 public:
  explicit ReferenceLru(std::size_t capacity) : capacity_(capacity) {}
  bool contains(BlockId id) const { return find(id) != entries_.end(); }
  void touch(BlockId id) {
    auto it = find(id);
    if (it->pins == 0) entries_.splice(entries_.begin(), entries_, it);
  }
  // Returns false when every entry is pinned.
  bool insert(BlockId id, bool pinned, BlockId* evicted, bool* did_evict) {
    *did_evict = false;
    if (entries_.size() == capacity_) {
      auto victim = entries_.end();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->pins == 0) victim = it;  // the least recent unpinned one
      }
      if (victim == entries_.end()) return false;
      *evicted = victim->id;
      *did_evict = true;
      entries_.erase(victim);
    }
    entries_.push_front({id, pinned ? 1 : 0});
    return true;
  }
  void pin(BlockId id) { ++find(id)->pins; }
  void unpin(BlockId id) {
    auto it = find(id);
    if (--it->pins == 0) entries_.splice(entries_.begin(), entries_, it);
  }

 private:
  struct Entry {
    BlockId id;
    int pins;
  };
  std::list<Entry>::iterator find(BlockId id) {
    return std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id; });
  }
  std::list<Entry>::const_iterator find(BlockId id) const {
    return std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id; });
  }
  std::size_t capacity_;
  std::list<Entry> entries_;
};
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("block store with LRU evicts exactly as a reference LRU, with pins") {
    constexpr std::size_t kCapacity = 64;
    Rng r(31);
    BlockStore store(kCapacity, std::make_unique<LruPolicy>());
    ReferenceLru ref(kCapacity);
    std::vector<BlockId> pinned;
    for (int step = 0; step < 100'000; ++step) {
      const BlockId id = r.below(200);
      const int action = static_cast<int>(r.below(10));
      if (action == 0 && pinned.size() < 40 && store.find(id) != kNoSlot) {
        store.pin(store.find(id));
        ref.pin(id);
        pinned.push_back(id);
        continue;
      }
      if (action == 1 && !pinned.empty()) {
        const std::size_t k = r.below(pinned.size());
        store.unpin(store.find(pinned[k]), 0);
        ref.unpin(pinned[k]);
        pinned.erase(pinned.begin() + static_cast<std::ptrdiff_t>(k));
        continue;
      }
      REQUIRE((store.find(id) != kNoSlot) == ref.contains(id));
      if (store.find(id) != kNoSlot) {
        store.touch(store.find(id), BlockAccess{id});
        ref.touch(id);
        continue;
      }
      BlockId expected = 0;
      bool expected_evicts = false;
      const bool fits = ref.insert(id, false, &expected, &expected_evicts);
      if (store.full()) {
        BlockAccess evicted;
        REQUIRE(store.evict(evicted, nullptr, 0) == fits);
        if (!fits) continue;
        REQUIRE(expected_evicts);
        REQUIRE(evicted.id == expected);
      }
      store.insert(BlockAccess{id}, false);
    }
    CHECK(store.resident() <= kCapacity);
  }

  TEST_CASE("reservations count against capacity; pinned blocks are never victims") {
    BlockStore store(3, std::make_unique<LruPolicy>());
    const Slot a = store.insert(BlockAccess{1}, true);
    store.insert(BlockAccess{2}, false);
    store.reserve(1);
    CHECK(store.full());
    BlockAccess victim;
    REQUIRE(store.evict(victim, nullptr, 0));
    CHECK(victim.id == 2);
    CHECK_FALSE(store.evict(victim, nullptr, 0));  // only the pinned block is left
    store.unpin(a, 0);
    REQUIRE(store.evict(victim, nullptr, 0));
    CHECK(victim.id == 1);
    store.release(1);
    CHECK(store.used() == 0);
  }
}
