// Admission policies in a two-tier cache (an LRU "ddr" over an unbounded "ssd"), with the
// SSD's writes predicted independently from the access stream: every access inserts into
// the DDR when absent, so the DDR behaves as a plain LRU whatever the SSD does, and each
// of its evictions is one offer to the SSD (unless the SSD already holds the block).
#include <doctest/doctest.h>

#include <list>
#include <map>
#include <set>

#include "tests/fidelity/policy_references.h"
#include "tests/support/cache_replay.h"
#include "tests/support/random_conversations.h"

using namespace kvtier;

namespace {

// The SSD's writes: an LRU "ddr" over an unbounded "ssd" with the admission policy.
TierStats run(const std::vector<Request>& requests, std::uint64_t ddr_blocks, const std::string& admission,
              const AdmissionParams& params) {
  TierSpec ssd = test::block_tier("ssd", kUnbounded - 1);
  ssd.medium = "flash";
  ssd.admission = admission;
  ssd.admission_params = params;
  Hierarchy h(test::untimed({test::block_tier("ddr", ddr_blocks), ssd}));
  test::replay(h, requests);
  return h.stats(1);
}

// A plain LRU of the DDR's size, reporting each eviction with how often the evicted
// block had been accessed by then. (Its own small LRU: a list and an ordered map.)
template <class OnEvict>
void replay_ddr(const std::vector<Request>& requests, std::uint64_t capacity, OnEvict on_evict) {
  std::list<BlockId> lru;  // front: most recent
  std::map<BlockId, std::list<BlockId>::iterator> where;
  std::map<BlockId, std::uint64_t> accesses;
  for (const Request& r : requests) {
    for (const BlockId id : r.blocks) {
      ++accesses[id];
      if (const auto it = where.find(id); it != where.end()) {
        lru.erase(it->second);
      } else if (lru.size() == capacity) {
        const BlockId victim = lru.back();
        lru.pop_back();
        where.erase(victim);
        on_evict(victim, accesses[victim]);
      }
      lru.push_front(id);
      where[id] = lru.begin();
    }
  }
}

// KVBM's filter, no decay in reach: a block is written at its second offer, and an
// unbounded SSD never offers it again. So the writes are the blocks the DDR evicts twice.
void check_frequency_filter(const std::vector<Request>& requests, std::uint64_t ddr_blocks) {
  std::map<BlockId, int> evictions;
  std::uint64_t offers = 0;
  std::set<BlockId> on_ssd;
  replay_ddr(requests, ddr_blocks, [&](BlockId id, std::uint64_t) {
    if (on_ssd.count(id) != 0) return;
    ++offers;
    if (++evictions[id] == 2) on_ssd.insert(id);
  });
  AdmissionParams p;
  p.frequency_decay_ns = kSimTimeNever / 2;
  p.frequency_max_entries = 1'000'000'000;
  const TierStats ssd = run(requests, ddr_blocks, "frequency", p);
  CAPTURE(ddr_blocks);
  CHECK(ssd.inserted_blocks == on_ssd.size());
  CHECK(ssd.refused_blocks == offers - on_ssd.size());
  const TierStats all = run(requests, ddr_blocks, "all", p);
  CHECK(all.inserted_blocks > ssd.inserted_blocks);  // the filter saves writes
}

}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("frequency admission (KVBM): SSD writes = blocks the DDR evicts twice") {
    const auto requests = test::random_conversations(1, 20000, 3000, 0.7, 6);
    for (const std::uint64_t ddr : {50ULL, 500ULL, 5'000ULL}) check_frequency_filter(requests, ddr);
  }

  TEST_CASE("trace: frequency admission (KVBM) on the Mooncake trace") {
    const auto requests = test::mooncake_requests();
    for (const std::uint64_t ddr : {1'000ULL, 20'000ULL}) check_frequency_filter(requests, ddr);
  }

  TEST_CASE("reuse admission (vLLM store_threshold): SSD writes = evictions of blocks seen twice") {
    const auto requests = test::random_conversations(2, 20000, 3000, 0.7, 6);
    for (const std::uint64_t ddr : {50ULL, 500ULL}) {
      std::set<BlockId> on_ssd;
      replay_ddr(requests, ddr, [&](BlockId id, std::uint64_t seen) {
        if (seen >= 2) on_ssd.insert(id);
      });
      AdmissionParams p;
      p.reuse_tracker_size = 1'000'000;  // never forgets in this test
      const TierStats ssd = run(requests, ddr, "reuse", p);
      CAPTURE(ddr);
      CHECK(ssd.inserted_blocks == on_ssd.size());
    }
  }
}
