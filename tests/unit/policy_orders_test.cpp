// Victim orders worked by hand, on the paths that the cache-only comparisons with the
// reference policies (tests/fidelity/policy_test.cpp) never take: pins, erases, and ties
// that change which block goes but not how many hits a single cache gets.
#include <doctest/doctest.h>

#include "tiers/eviction/belady_policy.h"
#include "tiers/eviction/fifo_policy.h"
#include "tiers/eviction/s3fifo_policy.h"
#include "tiers/eviction/sieve_policy.h"

using namespace kvtier;

namespace {
BlockAccess block(BlockId id, std::uint64_t next_use = kNeverUsedAgain) { return BlockAccess{id, 0, 0, next_use}; }
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("fifo: a pinned block passed over at the end keeps its age, and goes first once unpinned") {
    FifoPolicy p;
    for (Slot s = 0; s < 3; ++s) p.on_insert(s, block(10 + s));  // oldest 0 ... newest 2
    p.on_pin(0);
    CHECK(p.victim(nullptr) == 1);  // 0 is set aside
    p.on_unpin(0, Release{});
    CHECK(p.victim(nullptr) == 0);  // older than 2
    CHECK(p.victim(nullptr) == 2);
  }

  TEST_CASE("s3fifo: hits while pinned count up to the counter's ceiling of 3, as hits do") {
    // Capacity 10: S holds 1 block, M 9. Slots 0 and 2 are hit twice in S and move to M
    // when slot 1 is evicted from S.
    S3FifoPolicy p(10, 0.1, 2);
    p.on_insert(0, block(100));
    p.on_hit(0, block(100));
    p.on_hit(0, block(100));
    p.on_insert(2, block(102));
    p.on_hit(2, block(102));
    p.on_hit(2, block(102));
    p.on_insert(1, block(101));
    CHECK(p.victim(nullptr) == 1);
    // Slot 0 is pinned and hit five times: it rejoins M at the newest end with 3. Slot 2,
    // now oldest in M, is hit three times: 3 as well. Each pass over M takes one from the
    // oldest and puts it back newest, so with equal counts the oldest, slot 2, reaches 0
    // first. Had the pinned hits counted for less than 3, slot 0 would go.
    p.on_pin(0);
    p.on_unpin(0, Release{0, 5});
    for (int i = 0; i < 3; ++i) p.on_hit(2, block(102));
    CHECK(p.victim(nullptr) == 2);
    CHECK(p.victim(nullptr) == 0);
  }

  TEST_CASE("sieve: erasing the block under the hand moves the hand on to the next newer one") {
    SievePolicy p;
    for (Slot s = 0; s < 5; ++s) p.on_insert(s, block(10 + s));  // oldest 0 ... newest 4
    p.on_hit(0, block(10));
    p.on_hit(1, block(11));
    p.on_hit(3, block(13));
    // The hand clears 0 and 1, evicts 2 and rests on 3.
    CHECK(p.victim(nullptr) == 2);
    // 3 leaves (an inclusive tier below dropped it, say): the hand goes on to 4, unvisited,
    // not back to the oldest (0, whose bit the hand has just cleared).
    p.on_erase(3);
    CHECK(p.victim(nullptr) == 4);
    CHECK(p.victim(nullptr) == 0);
  }

  TEST_CASE("belady: blocks never used again go first, the least recently accessed of them first") {
    BeladyPolicy p;
    p.on_insert(0, block(10));
    p.on_insert(1, block(11));
    p.on_insert(2, block(12, 50));
    p.on_insert(3, block(13, 90));
    p.on_hit(0, block(10));  // 0 is now the most recently accessed of the two never used again
    CHECK(p.victim(nullptr) == 1);
    CHECK(p.victim(nullptr) == 0);
    CHECK(p.victim(nullptr) == 3);  // then the furthest next use
    CHECK(p.victim(nullptr) == 2);
  }
}
