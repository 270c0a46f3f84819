// LRU with pins and erases, against a model that is a plain list in recency order: the
// policy keeps a queue of accesses with stale entries squeezed out now and then; this
// checks that neither the stale entries nor the squeezing ever change which block goes,
// and that the queue stays bounded by the blocks it tracks.
#include <doctest/doctest.h>

#include <algorithm>
#include <list>
#include <set>

#include "core/rng/rng.h"
#include "tests/support/pick.h"
#include "tiers/eviction/lru_policy.h"

using namespace kvtier;
using kvtier::test::pick;

namespace {
// Front: most recent. Pinned slots are not in it.
struct ModelLru {
  std::list<Slot> order;
  void to_front(Slot s) {
    order.remove(s);
    order.push_front(s);
  }
  Slot back() const { return order.empty() ? kNoSlot : order.back(); }
};
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("LRU with pins and erases evicts exactly what a recency list says") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      CAPTURE(seed);
      LruPolicy lru;
      ModelLru model;
      Rng rng(seed);
      std::set<Slot> free_slots, live, pinned;
      for (Slot s = 0; s < 48; ++s) free_slots.insert(s);
      const BlockAccess access{};
      std::size_t most_bytes = 0;
      for (int i = 0; i < 40'000; ++i) {
        const std::uint64_t op = rng.below(12);
        if (op < 2 && !free_slots.empty()) {
          const Slot s = pick(free_slots, rng);
          free_slots.erase(s);
          live.insert(s);
          lru.on_insert(s, access);
          model.order.push_front(s);
        } else if (op == 2 && !free_slots.empty()) {
          const Slot s = pick(free_slots, rng);
          free_slots.erase(s);
          pinned.insert(s);
          lru.on_insert_pinned(s, access);
        } else if (op < 6 && !live.empty()) {
          const Slot s = pick(live, rng);
          lru.on_hit(s, access);
          model.to_front(s);
        } else if (op == 6 && !live.empty()) {
          const Slot s = pick(live, rng);
          live.erase(s);
          pinned.insert(s);
          if (rng.below(2) == 0) {
            lru.on_pin(s);
          } else {
            lru.on_hit_pinned(s, access);
          }
          model.order.remove(s);
        } else if (op == 7 && !pinned.empty()) {
          const Slot s = pick(pinned, rng);
          pinned.erase(s);
          live.insert(s);
          lru.on_unpin(s, Release{});
          model.order.push_front(s);
        } else if (op == 8 && !live.empty()) {
          const Slot s = pick(live, rng);
          live.erase(s);
          free_slots.insert(s);
          lru.on_erase(s);
          model.order.remove(s);
        } else if (op == 9 && !pinned.empty()) {
          const Slot s = pick(pinned, rng);  // a prefetch cut short: erased while pinned
          pinned.erase(s);
          free_slots.insert(s);
          lru.on_erase(s);
        } else {
          REQUIRE(lru.victim_hint(0) == model.back());
          const Slot v = lru.victim(nullptr);
          REQUIRE(v == model.back());
          if (v != kNoSlot) {
            model.order.pop_back();
            live.erase(v);
            free_slots.insert(v);
          }
        }
        most_bytes = std::max(most_bytes, lru.memory_bytes());
      }
      // 48 slots, 40,000 accesses: the queue is squeezed, not grown with every access.
      CHECK(most_bytes < 64 * 1024);
    }
  }
}
