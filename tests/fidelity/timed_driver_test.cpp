// The timed driver on scenarios worked out by hand: TTFT is queueing + loading + prefill,
// with every part computed here from the configuration, not taken from kvtier.
#include <doctest/doctest.h>

#include <cmath>

#include "core/sim/timed_driver.h"
#include "tests/support/vector_reader.h"

using namespace kvtier;

namespace {
constexpr std::uint64_t kBlockTokens = 4;
constexpr std::uint64_t kBytesPerToken = 1'000'000;  // 4 MB blocks
constexpr std::uint64_t kBlockBytes = kBlockTokens * kBytesPerToken;

struct Fixture {
  HierarchyConfig config;
  ModelSpec model;
  InstanceSpec instance;

  Fixture() {
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

  RunStats run(const std::vector<Request>& requests) {
    Hierarchy h(config);
    const ComputeModel compute(model, instance, 1'000'000'000'000);
    test::VectorReader reader(requests);
    RoundRobinRouter router(1);
    RunStats stats;
    RunControl control;
    TimedDriver driver(h, compute, reader, router, 1, kBlockTokens, stats, control);
    driver.run();
    return stats;
  }

  // Attention adds 2 x (1 + 1) FLOPs per (query, key) pair on top of 1 GFLOP per token.
  static double prefill_ns(double n, double cached) {
    return (1e9 * n + 4.0 * (n * cached + n * (n + 1) / 2)) / 1e12 * 1e9;
  }
};

// input = 4 x blocks - 1 tokens and one output token: no decode blocks, no decode steps.
Request request(SimTimeNs at, std::vector<BlockId> blocks) {
  const std::uint64_t input = blocks.size() * kBlockTokens - 1;
  return Request{0, at, input, 1, std::move(blocks)};
}

std::uint64_t ns(double x) { return static_cast<std::uint64_t>(std::llround(x)); }
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("a cold request: TTFT is the prefill of its whole input") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2})});
    CHECK(s.ttft_ns.count() == 1);
    CHECK(s.ttft_ns.max() == ns(Fixture::prefill_ns(7, 0)));
    CHECK(s.recomputed_tokens == 7);
    CHECK(s.completed == 1);
  }

  TEST_CASE("a first-tier hit: only the new tokens are computed, attending to the cached ones") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2}), request(kNsPerS, {1, 2, 3})});
    CHECK(s.prefix_hit_blocks == 2);
    CHECK(s.served_tokens[0] == 8);
    CHECK(s.ttft_ns.min() == ns(Fixture::prefill_ns(3, 8)));
  }

  TEST_CASE("a second-tier hit: made room first, then loaded over the slowest link") {
    Fixture f;
    // B's four blocks push A's two down to DDR; C then finds them there.
    const RunStats s = f.run({request(0, {1, 2}), request(kNsPerS, {3, 4, 5, 6}), request(2 * kNsPerS, {1, 2})});
    CHECK(s.served_tokens[1] == 7);
    // At 2 s C evicts two of B's blocks. The first demotion writes 4 MB into DDR over
    // [0, 40 us); the second waits for the PCIe link's down direction (4 MB at 10 GB/s) and
    // writes DDR over [400, 440 us). The load reads 8 MB from DDR (80 us) in the idle gap
    // from 40 us, crosses PCIe up at 10 GB/s (800 us) and pays DDR's 1 us and PCIe's 2 us.
    const double load = 40'000 + 800'000 + 1'000 + 2'000;
    CHECK(s.load_ns.max() == ns(load));
    CHECK(s.ttft_ns.min() == ns(load + Fixture::prefill_ns(1, 7)));
  }

  TEST_CASE("prefills queue FIFO on the instance") {
    Fixture f;
    const RunStats s = f.run({request(0, {1}), request(0, {2})});
    const double p = Fixture::prefill_ns(3, 0);
    CHECK(s.ttft_ns.min() == ns(p));
    CHECK(s.ttft_ns.max() == ns(2 * p));
    CHECK(s.compute_wait_ns.max() == ns(p));
  }

  TEST_CASE("admission waits for first-tier room held by running requests") {
    Fixture f;
    // A pins 3 of the 4 first-tier blocks until it ends; B needs 2.
    const RunStats s = f.run({request(0, {1, 2, 3}), request(0, {4, 5})});
    const double a = Fixture::prefill_ns(11, 0);
    CHECK(s.admission_wait_ns.max() == ns(a));
    CHECK(s.ttft_ns.max() == ns(a) + ns(Fixture::prefill_ns(7, 0)));
  }

  TEST_CASE("a request larger than the first tier is rejected, and the rest still run") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2, 3, 4, 5}), request(0, {6})});
    CHECK(s.rejected == 1);
    CHECK(s.completed == 1);
  }
}
