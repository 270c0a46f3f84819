// Every eviction policy against its reference (tests/fidelity/policy_references.cpp),
// exact to the hit count, through kvtier's own cache-only replay path; and Belady never
// losing to any of them.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <unordered_map>

#include "tests/fidelity/policy_references.h"
#include "tests/support/cache_replay.h"
#include "tests/support/random_conversations.h"
#include "tiers/eviction/policy_registry.h"

using namespace kvtier;

namespace {

struct Counts {
  std::uint64_t hits = 0;
  std::uint64_t prefix_hits = 0;
};

// The next use of every access, counted here from the stream itself.
std::vector<std::uint64_t> next_uses(const std::vector<Request>& requests) {
  std::vector<BlockId> flat;
  for (const Request& r : requests) flat.insert(flat.end(), r.blocks.begin(), r.blocks.end());
  std::vector<std::uint64_t> next(flat.size(), kNeverUsedAgain);
  std::map<BlockId, std::uint64_t> later;
  for (std::size_t k = flat.size(); k-- > 0;) {
    if (const auto it = later.find(flat[k]); it != later.end()) next[k] = it->second;
    later[flat[k]] = k;
  }
  return next;
}

Counts reference_counts(const std::string& policy, const std::vector<Request>& requests, std::uint64_t capacity,
                        const EvictionParams& params) {
  const auto ref = test::make_reference(policy, capacity, params);
  REQUIRE(ref != nullptr);
  const std::vector<std::uint64_t> next = next_uses(requests);
  Counts c;
  std::size_t k = 0;
  for (const Request& r : requests) {
    ref->tick(r.arrival_ns);
    bool in_prefix = true;
    for (std::size_t j = 0; j < r.blocks.size(); ++j, ++k) {
      const bool hit = ref->access(BlockAccess{r.blocks[j], static_cast<std::uint32_t>(j), r.arrival_ns, next[k]});
      c.hits += hit;
      in_prefix = in_prefix && hit;
      c.prefix_hits += in_prefix;
    }
  }
  return c;
}

Counts kvtier_counts(const std::string& policy, const std::vector<Request>& requests, std::uint64_t capacity,
                     const EvictionParams& params) {
  TierSpec t = test::block_tier("cache", capacity, policy);
  t.eviction_params = params;
  const RunStats stats = test::replay(test::untimed({t}), requests);
  return Counts{stats.block_hits, stats.prefix_hit_blocks};
}

void check_all_policies(const std::vector<Request>& requests, std::uint64_t capacity, const EvictionParams& params) {
  std::uint64_t belady_hits = 0;
  std::map<std::string, std::uint64_t> hits;
  for (const std::string_view name : eviction_policy_names()) {
    const std::string policy(name);
    const Counts got = kvtier_counts(policy, requests, capacity, params);
    const Counts want = reference_counts(policy, requests, capacity, params);
    CAPTURE(policy);
    CAPTURE(capacity);
    CHECK(got.hits == want.hits);
    CHECK(got.prefix_hits == want.prefix_hits);
    hits[policy] = got.hits;
    if (policy == "belady") belady_hits = got.hits;
  }
  for (const auto& entry : hits) {
    const std::string& policy = entry.first;
    CAPTURE(policy);
    CAPTURE(capacity);
    CHECK(belady_hits >= entry.second);
  }
}

}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("every eviction policy equals its reference on random streams; Belady never loses") {
    EvictionParams params;
    params.ttl_ns = 40 * kNsPerS;  // short enough to expire blocks in these streams
    for (const std::uint64_t seed : {1ULL, 2ULL}) {
      const auto requests = test::random_conversations(seed, 4'000, 300, 0.8, 8);
      for (const std::uint64_t capacity : {1ULL, 7ULL, 60ULL, 400ULL}) check_all_policies(requests, capacity, params);
    }
  }

  TEST_CASE("policy parameters change the results as their references say") {
    const auto requests = test::random_conversations(3, 3'000, 200, 0.8, 8);
    EvictionParams p;
    p.slru_segments = 4;
    p.slru_protected = 0.5;
    p.s3fifo_small = 0.25;
    p.s3fifo_move_threshold = 1;
    p.twoq_kin = 0.4;
    p.twoq_kout = 1.5;
    p.lfu_aging = false;
    for (const std::string policy : {"slru", "s3fifo", "2q", "lfu"}) {
      const Counts got = kvtier_counts(policy, requests, 80, p);
      const Counts want = reference_counts(policy, requests, 80, p);
      const Counts defaults = kvtier_counts(policy, requests, 80, EvictionParams{});
      CAPTURE(policy);
      CHECK(got.hits == want.hits);
      CHECK(got.hits != defaults.hits);  // the parameters are really used
    }
  }

  TEST_CASE("ttl, by hand: a block unused for exactly ttl has expired") {
    EvictionParams p;
    p.ttl_ns = 10 * kNsPerS;
    const auto at = [](SimTimeNs s, BlockId id) { return Request{0, s * kNsPerS, 512, 1, {id}}; };
    // A at 0, B at 5 s, A at 10 s (unused for exactly 10 s: expired, a miss), B at 14 s
    // (unused for 9 s: a hit), A at 25 s (unused for 15 s: a miss).
    const std::vector<Request> requests{at(0, 1), at(5, 2), at(10, 1), at(14, 2), at(25, 1)};
    CHECK(kvtier_counts("ttl", requests, 100, p).hits == 1);
    CHECK(reference_counts("ttl", requests, 100, p).hits == 1);
    CHECK(kvtier_counts("lru", requests, 100, p).hits == 3);
  }

  TEST_CASE("trace: every eviction policy equals its reference on the Mooncake trace; Belady never loses") {
    const auto requests = test::mooncake_requests();
    for (const std::uint64_t capacity : {1'000ULL, 10'000ULL}) check_all_policies(requests, capacity, EvictionParams{});
  }
}
