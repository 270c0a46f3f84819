// Single-tier LRU replay with timing off, through the same driver `kvtier run` uses for a
// cache-only system, on a seeded stream of 20 million accesses drawn Zipf(0.9) over
// 2 million blocks. Targets (issue 2): >= 15 M accesses/s at 100,000 blocks, >= 10 M at
// 1,000,000; <= 64 bytes of metadata per resident block, from RSS on a 10M-block cache.
//
//   bench_cache_replay [--write-stream FILE]   FILE: one little-endian uint64 id per access,
//                                              so other cache simulators replay the same stream
#include <cstdio>
#include <cstring>
#include <fstream>
#include <span>
#include <vector>

#include "bench/bench_util.h"
#include "bench/zipf_stream.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/routing/round_robin_router.h"
#include "tiers/hierarchy.h"

using namespace kvtier;

namespace {
// Accesses per second and hit ratio of one replay.
std::pair<double, double> replay(const std::vector<BlockId>& stream, std::uint64_t capacity) {
  Hierarchy h(bench::single_tier(capacity, "lru"));
  bench::StreamReader reader(stream);
  RoundRobinRouter router(1);
  RunStats stats;
  const auto t0 = std::chrono::steady_clock::now();
  run_cache_only(h, reader, router, 512, stats, RunControl{});
  const double s = bench::seconds_since(t0);
  return {static_cast<double>(stats.block_accesses) / s,
          static_cast<double>(stats.block_hits) / static_cast<double>(stats.block_accesses)};
}

// Resident bytes per block of a full 10-million-block cache, from the process's RSS.
double metadata_bytes_per_block() {
  constexpr std::uint64_t kResident = 10'000'000;
  const long before = bench::rss_bytes();
  Hierarchy h(bench::single_tier(kResident, "lru"));
  for (BlockId id = 0; id < kResident; ++id) h.access(0, BlockAccess{mix64(id)}, true);
  const long after = bench::rss_bytes();
  return static_cast<double>(after - before) / static_cast<double>(h.store(0, 0).resident());
}
}  // namespace

int main(int argc, char** argv) {
  const std::vector<BlockId> stream = bench::zipf_stream();
  if (argc == 3 && std::strcmp(argv[1], "--write-stream") == 0) {
    std::ofstream out(argv[2], std::ios::binary);
    for (const BlockId id : stream) {
      unsigned char le[8];
      for (int b = 0; b < 8; ++b) le[b] = static_cast<unsigned char>(id >> (8 * b));
      out.write(reinterpret_cast<const char*>(le), 8);
    }
    std::printf("wrote %zu accesses (uint64 little-endian) to %s\n", stream.size(), argv[2]);
  }
  for (const auto& [capacity, target] : {std::pair{std::uint64_t{100'000}, 15e6}, {1'000'000, 10e6}}) {
    std::vector<double> rates;
    double hit_ratio = 0;
    for (int run = 0; run < 5; ++run) {
      const auto [rate, hits] = replay(stream, capacity);
      rates.push_back(rate);
      hit_ratio = hits;
    }
    const double m = bench::median(rates);
    std::printf("LRU replay, Zipf(0.9) 20M over 2M, %7lu blocks: %6.2f M accesses/s (median of 5; target >= %.0f M) "
                "hit ratio %.4f %s\n",
                static_cast<unsigned long>(capacity), m / 1e6, target / 1e6, hit_ratio, m >= target ? "ok" : "BELOW TARGET");
  }
  const double per_block = metadata_bytes_per_block();
  std::printf("LRU metadata on a 10M-block cache: %.1f bytes per resident block from RSS (target <= 64) %s\n", per_block,
              per_block <= 64 ? "ok" : "ABOVE TARGET");
  return 0;
}
