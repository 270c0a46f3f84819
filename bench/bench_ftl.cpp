// FTL simulation speed and memory (issue 4, point 11): a 122.88 TB QLC drive (48 MiB
// erase blocks, 16 KiB IUs, 7% OP) holding 5 MiB KV blocks, filled to 90% of its logical
// space, then overwritten at random (each write evicts a uniformly chosen resident block,
// so greedy GC relocates in steady state). Blocks are named
// by slot, as a tier's store names them. Targets: >= 2 million KV-block writes/s with GC
// active, <= 64 bytes per mapped block, and the whole drive (~22 million blocks at 90%)
// in <= 2 GiB.
#include <cstdio>
#include <vector>

#include "bench/bench_util.h"
#include "core/rng/rng.h"
#include "tiers/flash/ftl.h"

using namespace kvtier;

int main() {
  constexpr std::uint64_t kBlockBytes = 5ULL << 20;
  FtlConfig config;
  config.logical_bytes = 122'880'000'000'000ULL;
  config.over_provisioning = 0.07;
  const long rss0 = bench::rss_bytes();
  const auto resident = static_cast<std::size_t>(config.logical_bytes * 9 / 10 / kBlockBytes);
  config.expected_slots = resident;
  Ftl ftl(config);
  auto t0 = std::chrono::steady_clock::now();
  for (Slot s = 0; s < resident; ++s) ftl.write(s, kBlockBytes, 0);
  const double fill_s = bench::seconds_since(t0);
  const long rss_full = bench::rss_bytes() - rss0;

  Rng r(7);
  std::vector<double> rates;
  for (int round = 0; round < 5; ++round) {
    const std::uint64_t writes = 4'000'000;
    const std::uint64_t erases0 = ftl.erases();
    const std::uint64_t relocated0 = ftl.relocated_ius();
    t0 = std::chrono::steady_clock::now();
    // The victims are drawn a few ahead so that their mappings can be hinted to the
    // cache, as a replay that knows its next evictions would.
    constexpr std::size_t kAhead = 8;
    Slot ahead[kAhead];
    for (Slot& s : ahead) s = static_cast<Slot>(r.below(resident));
    for (std::uint64_t i = 0; i < writes; ++i) {
      // The evicted block's slot takes the new block, as in a tier's store.
      const Slot slot = ahead[i % kAhead];
      ahead[i % kAhead] = static_cast<Slot>(r.below(resident));
      ftl.prefetch(ahead[i % kAhead]);
      ftl.trim(slot);
      ftl.write(slot, kBlockBytes, 0);
    }
    rates.push_back(static_cast<double>(writes) / bench::seconds_since(t0) / 1e6);
    std::printf("  round %d: %.2f M writes/s, %lu erases, %.2f relocated IUs per write, WAF so far %.3f\n", round,
                rates.back(), static_cast<unsigned long>(ftl.erases() - erases0),
                static_cast<double>(ftl.relocated_ius() - relocated0) / static_cast<double>(writes), ftl.waf());
  }
  const double rate = bench::median(rates);
  const double per_block = static_cast<double>(ftl.memory_bytes()) / static_cast<double>(resident);
  const double rss_gib = static_cast<double>(rss_full) / (1ULL << 30);
  std::printf("FTL, 122.88 TB QLC, 5 MiB blocks, %zu resident (90%% full), fill %.1f s:\n", resident, fill_s);
  std::printf("  writes with GC active: %.2f M/s (median of 5; target >= 2) %s\n", rate, rate >= 2.0 ? "ok" : "BELOW TARGET");
  std::printf("  metadata: %.1f B per mapped block (target <= 64) %s; RSS after fill %.2f GiB (target <= 2) %s\n", per_block,
              per_block <= 64 ? "ok" : "ABOVE TARGET", rss_gib, rss_gib <= 2.0 ? "ok" : "ABOVE TARGET");
}
