// Routing across instances with per-instance caches (timing off), against hits worked
// out by hand and against a reference that partitions the stream itself.
#include <doctest/doctest.h>

#include <set>

#include "core/rng/rng.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/routing/router_registry.h"
#include "tests/support/cache_replay.h"

using namespace kvtier;

namespace {
RunStats replay(const std::string& router_name, std::size_t instances, std::uint64_t capacity,
                const std::vector<Request>& requests) {
  Hierarchy h(test::untimed({test::block_tier("hbm", capacity)}, instances));
  RouterSpec spec;
  spec.name = router_name;
  const auto router = make_router(spec, instances);
  test::VectorReader reader(requests);
  RunStats stats;
  run_cache_only(h, reader, *router, 512, stats, RunControl{});
  return stats;
}

Request req(std::vector<BlockId> blocks) {
  const auto input = static_cast<std::uint64_t>(blocks.size()) * 512;
  return Request{0, 0, input, 1, std::move(blocks)};
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("two conversations, each turn after the other's: only prefix-aware routers keep them together") {
    // X1 {1,2}, X2 {1,2,3}, Y1 {4,5}, Y2 {4,5,6} on two instances.
    const std::vector<Request> requests{req({1, 2}), req({1, 2, 3}), req({4, 5}), req({4, 5, 6})};
    // Round robin sends X2 and Y2 away from their first turns: no prefix hit.
    CHECK(replay("round_robin", 2, 100, requests).prefix_hit_blocks == 0);
    // Least loaded without time balances request counts: the same as round robin.
    CHECK(replay("least_loaded", 2, 100, requests).prefix_hit_blocks == 0);
    // Cache aware: X2 matches 2 of 3 blocks on instance 0 (> 0.5); Y1 matches nothing and
    // goes to the less loaded instance 1, where Y2 then matches 2 of 3.
    CHECK(replay("cache_aware", 2, 100, requests).prefix_hit_blocks == 4);
    // Session affinity by first block: each conversation stays on one instance.
    CHECK(replay("session", 2, 100, requests).prefix_hit_blocks == 4);
  }

  TEST_CASE("session routing on a random stream equals per-instance caches fed their share of it") {
    constexpr std::size_t kInstances = 3;
    Rng rng(7);
    std::vector<Request> requests;
    for (int i = 0; i < 3000; ++i) {
      const std::uint64_t conversation = rng.next() % 50;
      const std::uint64_t turn = rng.next() % 6;
      std::vector<BlockId> blocks;
      for (std::uint64_t b = 0; b <= turn; ++b) blocks.push_back(conversation * 1000 + b);
      Request r = req(blocks);
      r.session = conversation;
      requests.push_back(r);
    }
    // Reference: unbounded caches, one per instance, each fed the requests whose session
    // hashes to it; a prefix hit is a leading block its instance has seen before.
    std::vector<std::set<BlockId>> seen(kInstances);
    std::uint64_t expected = 0;
    for (const Request& r : requests) {
      std::set<BlockId>& cache = seen[mix64(r.session) % kInstances];
      bool prefix = true;
      for (const BlockId b : r.blocks) {
        prefix = prefix && cache.count(b) != 0;
        expected += prefix ? 1 : 0;
        cache.insert(b);
      }
    }
    CHECK(replay("session", kInstances, 1'000'000, requests).prefix_hit_blocks == expected);
    CHECK(replay("round_robin", kInstances, 1'000'000, requests).prefix_hit_blocks < expected);
  }
}
