// Replay throughput of every eviction policy on one tier of 100,000 blocks, timing off,
// on the benchmarks' Zipf stream (bench/zipf_stream.h). Targets (issue 3): LRU, FIFO,
// SIEVE >= 15 M accesses/s; S3-FIFO >= 10 M; ARC, LFU, SLRU, 2Q >= 8 M; Belady >= 4 M
// (its pre-pass over the trace, which builds the future it reads, is timed apart).
//
//   bench_policies [POLICY...]   only those policies (to profile one)
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "bench/bench_util.h"
#include "bench/zipf_stream.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/next_use_oracle.h"
#include "core/sim/routing/round_robin_router.h"
#include "tiers/eviction/policy_registry.h"

using namespace kvtier;

namespace {
constexpr std::uint64_t kCapacity = 100'000;
constexpr int kRuns = 3;

struct Replay {
  double rate;
  double hit_ratio;
};

Replay replay(const std::vector<BlockId>& stream, const std::string& policy, const NextUseOracle* oracle) {
  Hierarchy h(bench::single_tier(kCapacity, policy));
  bench::StreamReader reader(stream);
  RoundRobinRouter router(1);
  RunStats stats;
  const auto t0 = std::chrono::steady_clock::now();
  run_cache_only(h, reader, router, 512, stats, RunControl{}, oracle);
  const double s = bench::seconds_since(t0);
  return {static_cast<double>(stats.block_accesses) / s,
          static_cast<double>(stats.block_hits) / static_cast<double>(stats.block_accesses)};
}
}  // namespace

int main(int argc, char** argv) {
  // bench_policies [POLICY...]: only those (for profiling one).
  const std::vector<std::string> only(argv + 1, argv + argc);
  const std::vector<BlockId> stream = bench::zipf_stream();
  const std::map<std::string, double> targets{{"lru", 15e6}, {"fifo", 15e6}, {"sieve", 15e6}, {"s3fifo", 10e6},
                                              {"arc", 8e6},  {"lfu", 8e6},   {"slru", 8e6},  {"2q", 8e6},
                                              {"belady", 4e6}};
  for (const std::string_view name : eviction_policy_names()) {
    const std::string policy(name);
    if (!only.empty() && std::find(only.begin(), only.end(), policy) == only.end()) continue;
    std::optional<NextUseOracle> future;
    if (make_eviction_policy(policy, EvictionParams{}, kCapacity)->needs_next_use()) {
      const auto t0 = std::chrono::steady_clock::now();
      bench::StreamReader first_pass(stream);
      future.emplace(first_pass);
      std::printf("%-12s pre-pass over the trace (its future): %.2f s\n", policy.c_str(), bench::seconds_since(t0));
    }
    std::vector<double> rates;
    double hit_ratio = 0;
    for (int run = 0; run < kRuns; ++run) {
      const Replay r = replay(stream, policy, future ? &*future : nullptr);
      rates.push_back(r.rate);
      hit_ratio = r.hit_ratio;
    }
    const double m = bench::median(rates);
    const auto target = targets.find(policy);
    std::printf("%-12s %6.2f M accesses/s (median of %d, 100K blocks, Zipf(0.9) 20M over 2M) hit ratio %.4f", policy.c_str(),
                m / 1e6, kRuns, hit_ratio);
    if (target != targets.end()) {
      std::printf("  target >= %.0f M %s", target->second / 1e6, m >= target->second ? "ok" : "BELOW TARGET");
    }
    std::printf("\n");
  }
  return 0;
}
