// The cost of timing and of depth: ns per block access of the benchmarks' Zipf stream
// (bench/zipf_stream.h), grouped into requests of 8 blocks, through
//  - one LRU tier of 100,000 blocks with timing off, and
//  - four tiers (HBM 100K blocks, node DDR 200K, node QLC 400K, a pooled QLC 800K, over
//    PCIe, NVMe and a NIC) with timing on: the discrete-event driver, transfers reserved on
//    every port and link, demotions down the chain.
// Target (issue 3): the four-tier timed cost within 3x the single-tier figure.
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/zipf_stream.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/routing/round_robin_router.h"
#include "core/sim/timed_driver.h"

using namespace kvtier;

namespace {
constexpr std::size_t kPerRequest = 8;
constexpr SimTimeNs kGapNs = 200'000;  // the system stays unsaturated: queues stay short
constexpr std::uint64_t kBlockBytes = 64 * 1024;
constexpr int kRuns = 3;

HierarchyConfig four_tiers(bool timed = true) {
  HierarchyConfig h;
  h.block_bytes = kBlockBytes;
  h.timed = timed;
  TierSpec hbm = bench::bench_tier("hbm", 100'000, "lru");
  hbm.read_bytes_per_s = hbm.write_bytes_per_s = 3'000'000'000'000;
  TierSpec ddr = bench::bench_tier("ddr", 200'000, "lru");
  ddr.read_bytes_per_s = ddr.write_bytes_per_s = 200'000'000'000;
  ddr.scope = Scope::kNode;
  ddr.links = {"pcie"};
  TierSpec qlc = bench::bench_tier("qlc", 400'000, "lru");
  qlc.read_bytes_per_s = 12'000'000'000;
  qlc.write_bytes_per_s = 5'000'000'000;
  qlc.read_latency_ns = 60'000;
  qlc.scope = Scope::kNode;
  qlc.links = {"nvme", "pcie"};
  TierSpec pool = qlc;
  pool.name = "pool";
  pool.capacity = units::Size{800'000, true};
  pool.scope = Scope::kPool;
  pool.links = {"nic", "pcie"};
  h.tiers = {hbm, ddr, qlc, pool};
  const LinkSpec pcie{"pcie", 63'000'000'000, 1'000, 0.84, 0, Scope::kInstance};
  const LinkSpec nvme{"nvme", 15'750'000'000, 2'000, 0.9, 0, Scope::kNode};
  const LinkSpec nic{"nic", 50'000'000'000, 5'000, 0.9, 0, Scope::kNode};
  h.links = {nic, nvme, pcie};
  return h;
}

// Blocks written into some tier (computed, loaded up or demoted down) per block access:
// the structural work that depth adds, beside the time it costs.
double writes_per_access(const Hierarchy& h, const RunStats& stats) {
  std::uint64_t writes = 0;
  for (std::size_t level = 0; level < h.levels(); ++level) writes += h.stats(level).inserted_blocks;
  return static_cast<double>(writes) / static_cast<double>(stats.block_accesses);
}

double untimed_ns(const std::vector<BlockId>& stream, HierarchyConfig config, double* writes = nullptr) {
  Hierarchy h(std::move(config));
  bench::StreamReader reader(stream, kPerRequest);
  RoundRobinRouter router(1);
  RunStats stats;
  const auto t0 = std::chrono::steady_clock::now();
  run_cache_only(h, reader, router, 512, stats, RunControl{});
  const double ns = bench::seconds_since(t0) * 1e9 / static_cast<double>(stats.block_accesses);
  if (writes != nullptr) *writes = writes_per_access(h, stats);
  return ns;
}

double timed_ns(const std::vector<BlockId>& stream, HierarchyConfig config, RunStats& stats,
                double* writes = nullptr) {
  Hierarchy h(std::move(config));
  ModelSpec model;
  model.layers = 1;
  model.query_heads = 1;
  model.qk_head_dim = model.v_head_dim = 1;
  model.active_params = 1e6;
  model.kv_heads = 1;
  model.head_dim = 32;  // 2 x 32 x 2 bytes = 128 bytes per token: 64 KiB per 512-token block
  InstanceSpec instance;
  instance.bf16_flops = 1e15;
  instance.prefill_efficiency = 1.0;
  const ComputeModel compute(model, instance, 3'000'000'000'000);
  bench::StreamReader reader(stream, kPerRequest, kGapNs);
  RoundRobinRouter router(1);
  RunControl control;
  TimedDriver driver(h, compute, reader, router, 1, 512, stats, control);
  const auto t0 = std::chrono::steady_clock::now();
  driver.run();
  const double ns = bench::seconds_since(t0) * 1e9 / static_cast<double>(stats.block_accesses);
  if (writes != nullptr) *writes = writes_per_access(h, stats);
  return ns;
}
}  // namespace

// With a case name (one, four, one-timed, four-timed) runs only that case, once: for
// profiling one of them.
int main(int argc, char** argv) {
  const std::vector<BlockId> stream = bench::zipf_stream();
  HierarchyConfig one_timed;
  one_timed.block_bytes = kBlockBytes;
  one_timed.timed = true;
  one_timed.tiers = {four_tiers().tiers.front()};
  if (argc > 1) {
    const std::string only = argv[1];
    RunStats stats;
    double ns = 0;
    if (only == "one") {
      ns = untimed_ns(stream, bench::single_tier(100'000, "lru"));
    } else if (only == "four") {
      ns = untimed_ns(stream, four_tiers(false));
    } else if (only == "one-timed") {
      ns = timed_ns(stream, one_timed, stats);
    } else if (only == "four-timed") {
      ns = timed_ns(stream, four_tiers(), stats);
    } else {
      std::fprintf(stderr, "bench_hierarchy: unknown case '%s' (one, four, one-timed, four-timed)\n", argv[1]);
      return 64;
    }
    std::printf("%s: %.1f ns per block access\n", argv[1], ns);
    return 0;
  }
  std::vector<double> single;
  std::vector<double> deep;
  std::vector<double> single_timed;
  std::vector<double> timed;
  RunStats last;
  double single_writes = 0;
  double timed_writes = 0;
  for (int run = 0; run < kRuns; ++run) {
    single.push_back(untimed_ns(stream, bench::single_tier(100'000, "lru"), &single_writes));
    deep.push_back(untimed_ns(stream, four_tiers(false)));
    RunStats scratch;
    single_timed.push_back(timed_ns(stream, one_timed, scratch));
    last = RunStats{};
    timed.push_back(timed_ns(stream, four_tiers(), last, &timed_writes));
  }
  const double s = bench::median(single);
  const double t = bench::median(timed);
  std::printf("one tier, timing off:    %6.1f ns per block access (median of %d; requests of %zu blocks)\n", s, kRuns,
              kPerRequest);
  // Depth with timing off on both sides: the work four tiers do per access (lookups down
  // the chain, demotions) whatever timing costs, so a floor under the target's ratio.
  std::printf("four tiers, timing off:  %6.1f ns (%.2fx the first)\n", bench::median(deep), bench::median(deep) / s);
  std::printf("one tier, timing on:     %6.1f ns\n", bench::median(single_timed));
  std::printf("four tiers, timing on:   %6.1f ns per block access (%.2fx the first; target <= 3x) %s\n", t, t / s,
              t <= 3 * s ? "ok" : "ABOVE TARGET");
  // Depth alone, timing on both sides: the single tier fits in cache and the four do not,
  // so the first ratio also measures this machine's memory against its cache.
  std::printf("  (four tiers timed / one tier timed: %.2fx)\n", t / bench::median(single_timed));
  std::printf("  (four tiers: %lu requests, %lu events, mean TTFT %.1f us, prefix hit ratio %.4f)\n",
              static_cast<unsigned long>(last.requests), static_cast<unsigned long>(last.events),
              last.ttft_ns.mean() / 1e3,
              static_cast<double>(last.prefix_hit_blocks) / static_cast<double>(last.block_accesses));
  std::printf("  (blocks written into a tier per access: %.2f with one tier, %.2f with four timed)\n", single_writes,
              timed_writes);
  return 0;
}
