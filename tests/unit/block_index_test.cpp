#include <doctest/doctest.h>

#include <map>

#include "core/rng/rng.h"
#include "tiers/block_index.h"

using namespace kvtier;

TEST_SUITE("tiers") {
  TEST_CASE("block index agrees with std::map under random inserts, lookups and erases") {
    Rng r(23);
    BlockIndex index(4);  // small, so it grows many times
    std::map<BlockId, Slot> reference;
    for (int step = 0; step < 300'000; ++step) {
      // A small key space forces collisions, erases of present keys and re-inserts.
      const BlockId id = r.below(5000) * 0x100000001ULL;
      const auto it = reference.find(id);
      REQUIRE(index.find(id) == (it == reference.end() ? kNoSlot : it->second));
      if (it == reference.end()) {
        const auto slot = static_cast<Slot>(r.below(1'000'000));
        index.insert(id, slot);
        reference.emplace(id, slot);
      } else if (r.below(2) == 0) {
        index.erase(id);
        reference.erase(it);
      }
      REQUIRE(index.size() == reference.size());
    }
    for (const auto& [id, slot] : reference) CHECK(index.find(id) == slot);
  }

  TEST_CASE("slots change in place, one at a time or all together") {
    BlockIndex index(4);
    std::map<BlockId, Slot> reference;
    for (BlockId id = 0; id < 1000; ++id) {
      index.insert(id * 7919, static_cast<Slot>(id));
      reference[id * 7919] = static_cast<Slot>(id);
    }
    CHECK(index.find_mutable(3) == nullptr);
    for (BlockId id = 0; id < 1000; id += 3) {
      Slot* slot = index.find_mutable(id * 7919);
      REQUIRE(slot != nullptr);
      *slot += 5000;
      reference[id * 7919] += 5000;
    }
    index.for_each_slot([](Slot& slot) { slot *= 2; });
    for (auto& [id, slot] : reference) CHECK(index.find(id) == slot * 2);
    CHECK(index.size() == 1000);
  }

  TEST_CASE("sequential ids and id 0 work") {
    BlockIndex index;
    for (BlockId id = 0; id < 10'000; ++id) index.insert(id, static_cast<Slot>(id));
    for (BlockId id = 0; id < 10'000; ++id) REQUIRE(index.find(id) == id);
    CHECK(index.find(10'000) == kNoSlot);
    index.erase(0);
    CHECK(index.find(0) == kNoSlot);
    CHECK(index.find(1) == 1);
    index.erase(123456);  // absent: no effect
    CHECK(index.size() == 9'999);
  }
}
