// LFU-DA with pins and erases, against a brute-force model: every slot's count,
// priority K and last access kept in a map, the victim found by scanning for the lowest
// (K, last access) among unpinned slots. The policy keeps newcomers apart from its heap;
// this checks that the split never changes which block goes.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/rng/rng.h"
#include "tests/support/pick.h"
#include "tiers/eviction/lfu_policy.h"

using namespace kvtier;
using kvtier::test::pick;

namespace {
struct ModelLfu {
  struct Entry {
    std::uint64_t count, k, last;
    bool pinned;
  };
  explicit ModelLfu(bool aging_on) : aging(aging_on) {}
  bool aging;
  std::uint64_t age = 0, clock = 0;
  std::map<Slot, Entry> slots;

  void insert(Slot s) { slots[s] = Entry{1, age + 1, ++clock, false}; }
  void hit(Slot s) {
    Entry& e = slots.at(s);
    ++e.count;
    e.k = age + e.count;
    e.last = ++clock;
  }
  void unpin(Slot s, std::uint32_t hits) {
    Entry& e = slots.at(s);
    e.pinned = false;
    if (hits > 0) {
      e.count += hits;
      e.k = age + e.count;
    }
    e.last = ++clock;
  }
  Slot lowest() const {
    Slot best = kNoSlot;
    for (const auto& [s, e] : slots) {
      if (e.pinned) continue;
      if (best == kNoSlot || std::pair(e.k, e.last) < std::pair(slots.at(best).k, slots.at(best).last)) best = s;
    }
    return best;
  }
  Slot victim() {
    const Slot v = lowest();
    if (v == kNoSlot) return v;
    if (aging) age = slots.at(v).k;
    slots.erase(v);
    return v;
  }
};

}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("LFU with pins and erases evicts exactly what a brute-force scan picks") {
    for (const bool aging : {false, true}) {
      for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        LfuPolicy lfu(aging);
        ModelLfu model(aging);
        Rng rng(seed);
        std::set<Slot> free_slots, live, pinned;
        for (Slot s = 0; s < 48; ++s) free_slots.insert(s);
        const BlockAccess access{};
        for (int i = 0; i < 5000; ++i) {
          const std::uint64_t op = rng.below(10);
          if (op < 3 && !free_slots.empty()) {
            const Slot s = pick(free_slots, rng);
            free_slots.erase(s);
            live.insert(s);
            lfu.on_insert(s, access);
            model.insert(s);
          } else if (op < 6 && !live.empty()) {
            const Slot s = pick(live, rng);
            lfu.on_hit(s, access);
            model.hit(s);
          } else if (op == 6 && !live.empty()) {
            const Slot s = pick(live, rng);
            live.erase(s);
            pinned.insert(s);
            lfu.on_pin(s);
            model.slots.at(s).pinned = true;
          } else if (op == 7 && !pinned.empty()) {
            const Slot s = pick(pinned, rng);
            pinned.erase(s);
            live.insert(s);
            const auto hits = static_cast<std::uint32_t>(rng.below(3));
            lfu.on_unpin(s, Release{0, hits, kNeverUsedAgain});
            model.unpin(s, hits);
          } else if (op == 8 && !live.empty()) {
            const Slot s = pick(live, rng);
            live.erase(s);
            free_slots.insert(s);
            lfu.on_erase(s);
            model.slots.erase(s);
          } else {
            REQUIRE(lfu.victim_hint(0) == model.lowest());
            const Slot v = lfu.victim(nullptr);
            REQUIRE(v == model.victim());
            if (v != kNoSlot) {
              live.erase(v);
              free_slots.insert(v);
            }
          }
        }
      }
    }
  }
}
