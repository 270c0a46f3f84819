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
