// The Belady bound of `kvtier compare` against an exhaustive search over every possible
// cache state (tiny streams), and against kvtier's own policies and hierarchies, which it
// must never fall below at the same total capacity.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "core/rng/rng.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/routing/round_robin_router.h"
#include "core/sweep/belady_bound.h"
#include "tests/support/random_conversations.h"
#include "tests/support/vector_reader.h"
#include "tiers/eviction/policy_registry.h"

using namespace kvtier;

namespace {
// The most hits any cache of `capacity` blocks can get, by trying every state it may be
// in after each access: any subset of what it held plus the block just accessed.
// Blocks are 0..7, so a state is a byte.
std::uint64_t exhaustive_optimum(const std::vector<BlockId>& stream, std::size_t capacity) {
  std::map<unsigned, std::uint64_t> best{{0U, 0}};  // state -> most hits so far
  for (const BlockId b : stream) {
    const unsigned bit = 1U << b;
    std::map<unsigned, std::uint64_t> next;
    for (const auto& [state, hits] : best) {
      const std::uint64_t h = hits + ((state & bit) != 0 ? 1 : 0);
      const unsigned pool = state | bit;
      for (unsigned sub = pool;; sub = (sub - 1) & pool) {  // every subset of pool
        if (static_cast<std::size_t>(__builtin_popcount(sub)) <= capacity) {
          auto [it, fresh] = next.try_emplace(sub, h);
          if (!fresh) it->second = std::max(it->second, h);
        }
        if (sub == 0) break;
      }
    }
    best = std::move(next);
  }
  std::uint64_t most = 0;
  for (const auto& [state, hits] : best) most = std::max(most, hits);
  return most;
}

HitBound bound_of(const std::vector<Request>& requests, std::uint64_t capacity) {
  test::VectorReader reader(requests);
  const NextUseOracle future(reader);
  return belady_bound(future, capacity);
}

TierSpec tier(const std::string& name, std::uint64_t capacity, const std::string& eviction) {
  TierSpec t;
  t.name = name;
  t.medium = "ddr";
  t.capacity = units::Size{capacity, true};
  t.read_bytes_per_s = t.write_bytes_per_s = 1;
  t.eviction = eviction;
  return t;
}

RunStats replay(HierarchyConfig h, const std::vector<Request>& requests) {
  Hierarchy hierarchy(std::move(h));
  std::optional<NextUseOracle> oracle;
  if (hierarchy.needs_next_use()) {
    test::VectorReader first_pass(requests);
    oracle.emplace(first_pass);
  }
  test::VectorReader reader(requests);
  RoundRobinRouter router(hierarchy.instances());
  RunStats stats;
  run_cache_only(hierarchy, reader, router, 512, stats, RunControl{}, oracle ? &*oracle : nullptr);
  return stats;
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("the bound equals an exhaustive search over cache states") {
    Rng rng(11);
    for (int trial = 0; trial < 300; ++trial) {
      const std::size_t length = 1 + rng.below(14);
      const std::uint64_t alphabet = 2 + rng.below(6);
      const std::size_t capacity = rng.below(4);
      std::vector<BlockId> stream;
      for (std::size_t i = 0; i < length; ++i) stream.push_back(rng.below(alphabet));
      CAPTURE(trial);
      CHECK(bound_of(test::single_block_requests(stream), capacity).hits == exhaustive_optimum(stream, capacity));
    }
  }

  TEST_CASE("with room for everything the bound is every repeat") {
    const std::vector<BlockId> stream{1, 2, 1, 3, 2, 1, 4};
    const HitBound b = bound_of(test::single_block_requests(stream), 100);
    CHECK(b.accesses == 7);
    CHECK(b.hits == 3);
  }

  TEST_CASE("no policy and no hierarchy of the same total capacity hits more often") {
    const std::vector<Request> requests = test::random_conversations(5, 20'000, 300, 0.9, 6);
    for (const std::uint64_t capacity : {50U, 200U, 800U}) {
      const HitBound bound = bound_of(requests, capacity);
      for (const std::string_view name : eviction_policy_names()) {
        HierarchyConfig h;
        h.block_bytes = 1;
        h.timed = false;
        h.tiers = {tier("cache", capacity, std::string(name))};
        const RunStats s = replay(h, requests);
        CAPTURE(name);
        CAPTURE(capacity);
        CHECK(s.block_hits <= bound.hits);
        CHECK(s.block_accesses == bound.accesses);
      }
      // Two instances with private tops over a shared tier: capacity split three ways.
      HierarchyConfig h;
      h.block_bytes = 1;
      h.timed = false;
      h.instances = 2;
      h.instances_per_node = 2;
      TierSpec below = tier("ddr", capacity / 2, "lru");
      below.scope = Scope::kNode;
      below.admission = "frequency";
      h.tiers = {tier("hbm", capacity / 4, "s3fifo"), below};
      CHECK(replay(h, requests).block_hits <= bound.hits);
    }
  }
}
