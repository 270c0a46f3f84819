// The cache simulation (timing off) against independent references: a brute-force LRU
// built on ordered maps (not kvtier's list and hash index), fed the same block stream,
// must produce exactly the same hits; an unbounded cache must hit every repeat.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/config/config_loader.h"
#include "core/rng/rng.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "tests/support/cache_replay.h"

using namespace kvtier;

namespace {
// LRU by last-access time: evict the smallest time. Obviously correct, O(log n).
class ReferenceLru {
 public:
  explicit ReferenceLru(std::size_t capacity) : capacity_(capacity) {}
  bool access(BlockId id) {
    ++clock_;
    const auto it = last_use_.find(id);
    if (it != last_use_.end()) {
      by_time_.erase(it->second);
      by_time_[clock_] = id;
      it->second = clock_;
      return true;
    }
    if (last_use_.size() == capacity_) {
      const auto oldest = by_time_.begin();
      last_use_.erase(oldest->second);
      by_time_.erase(oldest);
    }
    last_use_[id] = clock_;
    by_time_[clock_] = id;
    return false;
  }
  bool contains(BlockId id) const { return last_use_.count(id) != 0; }

 private:
  std::size_t capacity_;
  std::uint64_t clock_ = 0;
  std::map<BlockId, std::uint64_t> last_use_;
  std::map<std::uint64_t, BlockId> by_time_;
};

struct Counts {
  std::uint64_t hits = 0;
  std::uint64_t prefix_hits = 0;
};

Counts reference_counts(const std::vector<Request>& requests, std::size_t capacity) {
  ReferenceLru lru(capacity);
  Counts c;
  for (const Request& r : requests) {
    bool in_prefix = true;
    for (const BlockId id : r.blocks) {
      const bool hit = lru.access(id);
      c.hits += hit;
      in_prefix = in_prefix && hit;
      c.prefix_hits += in_prefix;
    }
  }
  return c;
}

RunStats kvtier_counts(const std::vector<Request>& requests, std::uint64_t capacity) {
  return test::replay(test::untimed({test::block_tier("cache", capacity)}), requests);
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("single-tier LRU equals a reference LRU on random streams") {
    for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL}) {
      Rng r(seed);
      ZipfSampler zipf(20'000, 0.8);
      std::vector<BlockId> ids;
      for (int i = 0; i < 200'000; ++i) ids.push_back(seed == 3 ? r.below(5'000) : zipf.sample(r));
      const auto requests = test::single_block_requests(ids);
      for (const std::uint64_t capacity : {1ULL, 10ULL, 500ULL, 4'000ULL, 30'000ULL}) {
        const RunStats got = kvtier_counts(requests, capacity);
        const Counts want = reference_counts(requests, capacity);
        CAPTURE(seed);
        CAPTURE(capacity);
        CHECK(got.block_hits == want.hits);
        CHECK(got.block_accesses == ids.size());
      }
    }
  }

  TEST_CASE("single-tier LRU equals a reference LRU on multi-block requests (prefix hits too)") {
    Rng r(9);
    std::vector<Request> requests;
    for (int i = 0; i < 20'000; ++i) {
      Request q;
      const std::uint64_t conversation = r.below(300);
      const std::uint64_t length = 1 + r.below(12);
      for (std::uint64_t j = 0; j < length; ++j) q.blocks.push_back(conversation * 100 + j);
      q.input_tokens = length * 512;
      requests.push_back(q);
    }
    for (const std::uint64_t capacity : {12ULL, 100ULL, 1'000ULL}) {
      const RunStats got = kvtier_counts(requests, capacity);
      const Counts want = reference_counts(requests, capacity);
      CAPTURE(capacity);
      CHECK(got.block_hits == want.hits);
      CHECK(got.prefix_hit_blocks == want.prefix_hits);
    }
  }

  TEST_CASE("trace: single-tier LRU equals a reference LRU on the Mooncake conversation trace") {
    const auto requests = test::mooncake_requests();
    REQUIRE(requests.size() == 12'031);
    for (const std::uint64_t capacity : {1'000ULL, 10'000ULL, 50'000ULL, 150'000ULL}) {
      const RunStats got = kvtier_counts(requests, capacity);
      const Counts want = reference_counts(requests, capacity);
      CAPTURE(capacity);
      CHECK(got.block_hits == want.hits);
      CHECK(got.prefix_hit_blocks == want.prefix_hits);
    }
  }

  TEST_CASE("trace: an unbounded cache's block hit ratio is 1 - unique / accesses, from the CLI's path") {
    ConfigRequest request{"cache-only", {{"tiers.cache.capacity", "1000000000 blocks"}}, test::mooncake_trace().string()};
    const SimulationResult result = simulate(load_config(request), RunControl{});
    REQUIRE_FALSE(result.failure);
    std::set<BlockId> unique;
    std::uint64_t accesses = 0;
    for (const Request& r : test::mooncake_requests()) {
      accesses += r.blocks.size();
      unique.insert(r.blocks.begin(), r.blocks.end());
    }
    CHECK(unique.size() == 182'790);  // as ../shared/traces/README.md and design.md say
    CHECK(accesses == 288'500);
    CHECK(result.summary.block_hit_ratio == doctest::Approx(1.0 - 182'790.0 / 288'500.0).epsilon(1e-12));
  }

  TEST_CASE("an unbounded cache on a random stream hits every repeat") {
    Rng r(4);
    std::vector<BlockId> ids;
    std::set<BlockId> unique;
    for (int i = 0; i < 100'000; ++i) {
      ids.push_back(r.next() % 30'000);
      unique.insert(ids.back());
    }
    const RunStats got = kvtier_counts(test::single_block_requests(ids), kUnbounded - 1);
    CHECK(got.block_hits == ids.size() - unique.size());
  }
}
