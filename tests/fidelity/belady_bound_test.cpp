// The Belady bound of `kvtier compare` against an exhaustive search over every possible
// cache state (tiny streams), and against kvtier's own policies and hierarchies, which it
// must never fall below at the same total capacity.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/rng/rng.h"
#include "core/sweep/belady_bound.h"
#include "tests/support/cache_replay.h"
#include "tests/support/random_conversations.h"
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
        const RunStats s = test::replay(test::untimed({test::block_tier("cache", capacity, std::string(name))}), requests);
        CAPTURE(name);
        CAPTURE(capacity);
        CHECK(s.block_hits <= bound.hits);
        CHECK(s.block_accesses == bound.accesses);
      }
      // Two instances with private tops over a shared tier: capacity split three ways.
      TierSpec below = test::block_tier("ddr", capacity / 2);
      below.scope = Scope::kNode;
      below.admission = "frequency";
      const HierarchyConfig h = test::untimed({test::block_tier("hbm", capacity / 4, "s3fifo"), below}, 2);
      CHECK(test::replay(h, requests).block_hits <= bound.hits);
    }
  }
}
