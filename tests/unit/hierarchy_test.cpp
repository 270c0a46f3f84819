#include <doctest/doctest.h>

#include "tiers/hierarchy.h"

using namespace kvtier;

namespace {
TierSpec tier(std::string name, std::uint64_t blocks, Scope scope = Scope::kInstance) {
  TierSpec t;
  t.name = std::move(name);
  t.medium = "ddr";
  t.capacity = units::Size{blocks, true};
  t.read_bytes_per_s = 1'000'000'000;
  t.write_bytes_per_s = 1'000'000'000;
  t.scope = scope;
  t.eviction = "lru";
  return t;
}

HierarchyConfig two_levels(bool timed) {
  HierarchyConfig c;
  c.block_bytes = 1000;
  c.timed = timed;
  c.tiers = {tier("top", 2), tier("low", 3)};
  return c;
}
}  // namespace

TEST_SUITE("hierarchy") {
  TEST_CASE("hand-checked trace: eviction, write-back demotion, copy-up and drop at the bottom") {
    Hierarchy h(two_levels(false));
    constexpr BlockId A = 1, B = 2, C = 3, D = 4, E = 5, F = 6;
    CHECK(h.access(0, BlockAccess{A}, true) == -1);
    CHECK(h.access(0, BlockAccess{B}, true) == -1);
    CHECK(h.access(0, BlockAccess{C}, true) == -1);  // top {B,C}; A demoted: low {A}
    CHECK(h.find(0, A).level == 1);
    CHECK(h.access(0, BlockAccess{A}, true) == 1);   // copied up: top {C,A}; B demoted: low {A,B}
    CHECK(h.find(0, A).level == 0);
    CHECK(h.store(1, 0).find(A) != kNoSlot);  // copies are not exclusive
    CHECK(h.access(0, BlockAccess{D}, true) == -1);  // top {A,D}; C demoted: low {A,B,C} (full)
    CHECK(h.access(0, BlockAccess{E}, true) == -1);  // top {D,E}; A evicted, already below: nothing written
    CHECK(h.access(0, BlockAccess{F}, true) == -1);  // top {E,F}; D demoted: low evicts A (LRU) and drops it
    CHECK(h.find(0, A).level == -1);
    CHECK(h.find(0, D).level == 1);
    CHECK(h.access(0, BlockAccess{F}, true) == 0);

    const TierStats& top = h.stats(0);
    const TierStats& low = h.stats(1);
    CHECK(top.hit_blocks == 1);
    CHECK(low.hit_blocks == 1);
    CHECK(top.inserted_blocks == 7);       // A B C A D E F
    CHECK(top.written_bytes == 7000);
    CHECK(top.evicted_blocks == 5);        // A B C A D
    CHECK(top.demoted_blocks == 5);        // every victim is kept below (A the second time already was)
    CHECK(top.dropped_blocks == 0);
    CHECK(top.read_bytes == 4000);         // A B C D read out for demotion
    CHECK(low.inserted_blocks == 4);
    CHECK(low.written_bytes == 4000);
    CHECK(low.read_bytes == 1000);         // A loaded up
    CHECK(low.evicted_blocks == 1);
    CHECK(low.dropped_blocks == 1);
  }

  TEST_CASE("a lower-tier block after the prefix break is recomputed, not loaded") {
    Hierarchy h(two_levels(false));
    for (BlockId id = 1; id <= 3; ++id) h.access(0, BlockAccess{id}, true);  // 1 is now below
    CHECK(h.access(0, BlockAccess{1}, false) == 1);
    CHECK(h.stats(1).read_bytes == 0);
    CHECK(h.find(0, 1).level == 0);
  }

  TEST_CASE("scopes: per-instance tops, a shared node tier") {
    HierarchyConfig c = two_levels(false);
    c.instances = 4;
    c.instances_per_node = 2;
    c.tiers[1].scope = Scope::kNode;
    Hierarchy h(c);
    CHECK(h.copies(0) == 4);
    CHECK(h.copies(1) == 2);
    for (BlockId id = 1; id <= 3; ++id) h.access(0, BlockAccess{id}, true);  // block 1 demoted to node 0
    CHECK(h.find(1, 1).level == 1);   // instance 1 shares node 0's tier
    CHECK(h.find(2, 1).level == -1);  // instance 2 is on node 1
    CHECK(h.capacity_blocks(0) == 8);
    CHECK(h.capacity_blocks(1) == 6);
  }

  TEST_CASE("pinned blocks stay; insert fails only when everything is pinned") {
    Hierarchy h(two_levels(false));
    const Slot a = h.insert_top(0, BlockAccess{1}, true);
    const Slot b = h.insert_top(0, BlockAccess{2}, true);
    REQUIRE(a != kNoSlot);
    REQUIRE(b != kNoSlot);
    CHECK(h.insert_top(0, BlockAccess{3}, true) == kNoSlot);
    h.store(0, 0).unpin(a, 0);
    CHECK(h.insert_top(0, BlockAccess{3}, false) != kNoSlot);
    CHECK(h.find(0, 1).level == 1);
    CHECK(h.reserve_top(0, 1, 0));  // block 3 is evictable, and goes below
    CHECK(h.find(0, 3).level == 1);
    CHECK_FALSE(h.reserve_top(0, 1, 0));  // only pinned block 2 and the reservation are left
  }
}

TEST_SUITE("hierarchy") {
  TEST_CASE("watermarks: past the high mark, eviction empties down to the low mark") {
    HierarchyConfig c;
    c.block_bytes = 1;
    c.timed = false;
    c.tiers = {tier("ssd", 10)};
    c.tiers[0].high_watermark = 0.9;  // 9 blocks
    c.tiers[0].low_watermark = 0.5;   // 5 blocks
    Hierarchy h(c);
    for (BlockId id = 1; id <= 9; ++id) h.access(0, BlockAccess{id}, true);
    CHECK(h.stats(0).evicted_blocks == 0);
    h.access(0, BlockAccess{10}, true);  // 9 + 1 > 9: evict down to 5 - 1 = 4, then insert
    CHECK(h.stats(0).evicted_blocks == 5);
    CHECK(h.store(0, 0).resident() == 5);
    for (BlockId id = 1; id <= 5; ++id) CHECK(h.find(0, id).level == -1);
    for (BlockId id = 6; id <= 10; ++id) CHECK(h.find(0, id).level == 0);
  }

  TEST_CASE("leases: an accessed block cannot be evicted until its lease lapses") {
    HierarchyConfig c;
    c.block_bytes = 1;
    c.timed = false;
    c.tiers = {tier("mem", 2)};
    c.tiers[0].lease_ns = 10 * kNsPerS;
    Hierarchy h(c);
    const auto at = [&](SimTimeNs s, BlockId id) {
      h.expire(0, s * kNsPerS);
      return h.access(0, BlockAccess{id, 0, s * kNsPerS}, true);
    };
    CHECK(at(0, 1) == -1);
    CHECK(at(1, 2) == -1);
    CHECK(at(2, 3) == -1);  // both residents are leased: 3 is computed but not kept
    CHECK(h.find(0, 3).level == -1);
    CHECK(at(5, 1) == 0);    // a hit renews 1's lease to 15 s
    CHECK(at(11, 3) == -1);  // 2's lease lapsed at 11 s: it goes, 3 stays
    CHECK(h.find(0, 2).level == -1);
    CHECK(at(12, 1) == 0);
    CHECK(h.store(0, 0).pinned() == 2);  // 1 and 3 are leased
  }
}

TEST_SUITE("hierarchy") {
  TEST_CASE("write-through: the tier below gets every block at once; evictions write nothing") {
    HierarchyConfig c = two_levels(false);
    c.tiers[1].capacity = units::Size{10, true};
    c.tiers[1].write_policy = "through";
    Hierarchy h(c);
    h.access(0, BlockAccess{1}, true);
    h.access(0, BlockAccess{2}, true);
    CHECK(h.stats(1).inserted_blocks == 2);
    h.access(0, BlockAccess{3}, true);  // 1 leaves the top; the copy below was written already
    CHECK(h.stats(1).inserted_blocks == 3);
    CHECK(h.stats(0).demoted_blocks == 1);
    CHECK(h.stats(0).dropped_blocks == 0);
    CHECK(h.find(0, 1).level == 1);
  }

  TEST_CASE("selective write-through: written below at the second hit above") {
    HierarchyConfig c = two_levels(false);
    c.tiers[0].capacity = units::Size{3, true};
    c.tiers[1].capacity = units::Size{10, true};
    c.tiers[1].write_policy = "selective";
    c.tiers[1].write_through_hits = 2;
    Hierarchy h(c);
    h.access(0, BlockAccess{1}, true);
    h.access(0, BlockAccess{1}, true);  // first hit
    CHECK(h.stats(1).inserted_blocks == 0);
    h.access(0, BlockAccess{1}, true);  // second hit: written
    CHECK(h.stats(1).inserted_blocks == 1);
    h.access(0, BlockAccess{1}, true);  // third: already there
    CHECK(h.stats(1).inserted_blocks == 1);
    for (BlockId id = 2; id <= 5; ++id) h.access(0, BlockAccess{id}, true);  // pushes 1 and 2 out
    CHECK(h.find(0, 1).level == 1);  // kept below
    CHECK(h.find(0, 2).level == -1);  // never hit: never written, dropped
    CHECK(h.stats(0).dropped_blocks == 1);
  }

  TEST_CASE("exclusive: a load moves the block up, a later eviction writes it back") {
    HierarchyConfig c = two_levels(false);
    c.tiers[1].capacity = units::Size{10, true};
    c.tiers[1].inclusion = "exclusive";
    Hierarchy h(c);
    for (BlockId id = 1; id <= 3; ++id) h.access(0, BlockAccess{id}, true);  // 1 demoted
    CHECK(h.find(0, 1).level == 1);
    CHECK(h.access(0, BlockAccess{1}, true) == 1);  // moved up: 2 is demoted to make room
    CHECK(h.store(1, 0).find(1) == kNoSlot);
    CHECK(h.stats(1).promoted_blocks == 1);
    CHECK(h.find(0, 2).level == 1);
    h.access(0, BlockAccess{4}, true);  // 3 leaves the top, 1 stays
    h.access(0, BlockAccess{5}, true);  // 1 leaves the top again: written back
    CHECK(h.find(0, 1).level == 1);
    CHECK(h.stats(1).inserted_blocks == 4);  // 1, 2, 3, 1
  }

  TEST_CASE("inclusive: the tier below holds all above; its evictions evict above too") {
    HierarchyConfig c = two_levels(false);
    c.instances = 2;
    c.instances_per_node = 2;
    c.tiers[0].capacity = units::Size{4, true};
    c.tiers[1].capacity = units::Size{2, true};
    c.tiers[1].scope = Scope::kNode;
    c.tiers[1].write_policy = "through";
    c.tiers[1].inclusion = "inclusive";
    Hierarchy h(c);
    h.access(0, BlockAccess{1}, true);  // instance 0: 1 and 2, written through
    h.access(0, BlockAccess{2}, true);
    CHECK(h.access(1, BlockAccess{1}, true) == 1);  // instance 1 loads 1 from the node tier
    h.access(0, BlockAccess{3}, true);  // the node tier evicts its LRU, 2, and so does instance 0
    CHECK(h.find(0, 2).level == -1);
    CHECK(h.stats(0).invalidated_blocks == 1);
    CHECK(h.find(0, 1).level == 0);
    CHECK(h.find(1, 1).level == 0);
  }

  TEST_CASE("inclusive: a block pinned above outlives the tier below's eviction of it") {
    HierarchyConfig c = two_levels(false);
    c.tiers[0].capacity = units::Size{4, true};
    c.tiers[1].capacity = units::Size{2, true};
    c.tiers[1].write_policy = "through";
    c.tiers[1].inclusion = "inclusive";
    Hierarchy h(c);
    const Slot one = h.insert_top(0, BlockAccess{1}, true);  // in use by a request
    REQUIRE(one != kNoSlot);
    h.placed(0, 0, BlockAccess{1}, 0);  // written through
    h.access(0, BlockAccess{2}, true);
    h.access(0, BlockAccess{3}, true);  // the tier below evicts its LRU, 1: pinned above, it stays
    CHECK(h.store(1, 0).find(1) == kNoSlot);
    CHECK(h.find(0, 1).level == 0);
    CHECK(h.stats(0).invalidated_blocks == 0);
    h.store(0, 0).unpin(one, 0);
    h.access(0, BlockAccess{4}, true);  // now the tier below evicts 2, and the top loses it
    CHECK(h.find(0, 2).level == -1);
    CHECK(h.stats(0).invalidated_blocks == 1);
  }
}
