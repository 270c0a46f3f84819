// A small timed system whose every figure is round, so that tests can work out TTFT by
// hand: 4 MB blocks of 4 tokens, an HBM of 4 blocks at 1 TB/s, a DDR behind a 10 GB/s
// PCIe link, and a model that computes 1 ms per token at 1 TFLOP/s.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/sim/routing/round_robin_router.h"
#include "core/sim/timed_driver.h"
#include "tests/support/vector_reader.h"

namespace kvtier::test {

inline constexpr std::uint64_t kBlockTokens = 4;
inline constexpr std::uint64_t kBytesPerToken = 1'000'000;
inline constexpr std::uint64_t kBlockBytes = kBlockTokens * kBytesPerToken;

struct TimedFixture {
  HierarchyConfig config;
  ModelSpec model;
  InstanceSpec instance;
  SchedulerSpec scheduler;

  TimedFixture() {
    config.block_bytes = kBlockBytes;
    config.timed = true;
    TierSpec hbm;
    hbm.name = "hbm";
    hbm.medium = "hbm";
    hbm.capacity = units::Size{4, true};
    hbm.read_bytes_per_s = hbm.write_bytes_per_s = 1'000'000'000'000;  // 1 TB/s
    hbm.eviction = "lru";
    TierSpec ddr = hbm;
    ddr.name = "ddr";
    ddr.capacity = units::Size{100, true};
    ddr.read_bytes_per_s = ddr.write_bytes_per_s = 100'000'000'000;  // 100 GB/s
    ddr.read_latency_ns = 1'000;
    ddr.links = {"pcie"};
    LinkSpec pcie;
    pcie.name = "pcie";
    pcie.bytes_per_s = 10'000'000'000;  // 10 GB/s: the bottleneck
    pcie.latency_ns = 2'000;
    config.tiers = {hbm, ddr};
    config.links = {pcie};
    model.layers = 1;
    model.query_heads = 1;
    model.qk_head_dim = model.v_head_dim = 1;
    model.active_params = 5e8;  // 1 GFLOP per token: 1 ms per token at 1 TFLOP/s
    model.total_params = 0;
    model.kv_heads = 1;
    model.head_dim = 250'000;  // 2 x 250,000 x 2 bytes = 1 MB per token
    instance.bf16_flops = 1e12;
    instance.prefill_efficiency = 1.0;
    instance.max_running = 16;
  }

  // A QLC tier below the DDR, written through from it (so that the DDR's evictions write
  // nothing), behind an 8 GB/s NVMe link: 5 GB/s reads, 50 us read latency.
  void add_qlc() {
    TierSpec qlc = config.tiers[1];
    qlc.name = "qlc";
    qlc.capacity = units::Size{100, true};
    qlc.read_bytes_per_s = qlc.write_bytes_per_s = 5'000'000'000;
    qlc.read_latency_ns = 50'000;
    qlc.links = {"nvme", "pcie"};
    qlc.write_policy = "through";
    LinkSpec nvme;
    nvme.name = "nvme";
    nvme.bytes_per_s = 8'000'000'000;
    nvme.latency_ns = 3'000;
    config.tiers.push_back(qlc);
    config.links.push_back(nvme);
  }

  RunStats run(const std::vector<Request>& requests) {
    Hierarchy h(config);
    const ComputeModel compute(model, instance, 1'000'000'000'000);
    VectorReader reader(requests);
    RoundRobinRouter router(1);
    RunStats stats;
    RunControl control;
    TimedDriver driver(h, compute, reader, router, 1, kBlockTokens, stats, control, nullptr, scheduler);
    driver.run();
    return stats;
  }

  // The last request's TTFT: what it adds to the others' (which it cannot change, as it
  // arrives after they have finished).
  std::uint64_t last_ttft(const std::vector<Request>& requests) {
    const RunStats all = run(requests);
    const RunStats before = run(std::vector<Request>(requests.begin(), requests.end() - 1));
    return static_cast<std::uint64_t>(all.ttft_ns.sum() - before.ttft_ns.sum());
  }

  // Attention adds 2 x (1 + 1) FLOPs per (query, key) pair on top of 1 GFLOP per token.
  double prefill_ns(double n, double cached) const {
    return (1e9 * n + 4.0 * (n * cached + n * (n + 1) / 2)) / instance.bf16_flops * 1e9;
  }
};

// input = 4 x blocks - 1 tokens and one output token: no decode blocks, no decode steps.
inline Request request(SimTimeNs at, std::vector<BlockId> blocks) {
  const std::uint64_t input = blocks.size() * kBlockTokens - 1;
  return Request{0, at, input, 1, std::move(blocks)};
}

inline std::uint64_t ns(double x) { return static_cast<std::uint64_t>(std::llround(x)); }

}  // namespace kvtier::test
