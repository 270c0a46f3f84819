// Prefetch policies and layer-wise loading on scenarios worked out by hand from the
// fixture's figures (tests/support/timed_fixture.h), not from kvtier's own output.
//
// The scenario: A computes blocks 1 and 2 at 0 s. B (two blocks, two more of decode
// output) pushes them to the DDR (capacity 2) at 1 s, and C, likewise, on to the QLC at
// 2 s (the QLC is written through from the DDR, so the DDR's evictions cost nothing).
// B and C leave two free first-tier slots behind, so at 10 s D reuses 1 and 2 from the
// QLC with every port idle and nothing to evict. Its load from the QLC is 8 MB at the
// QLC's 5 GB/s (1.6 ms) plus QLC 50 us, NVMe 3 us and PCIe 2 us: 1.655 ms. Prefetching
// them into the DDR instead is 1.6 ms plus 53 us (block 1 lands halfway, at 826.5 us),
// and loading them from the DDR is 8 MB over PCIe at 10 GB/s plus DDR 1 us and PCIe
// 2 us: 803 us.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/support/timed_fixture.h"

using namespace kvtier;
using namespace kvtier::test;

namespace {
constexpr SimTimeNs kD = 10 * kNsPerS;

TimedFixture prefetch_fixture(PrefetchPolicy policy) {
  TimedFixture f;
  f.add_qlc();
  f.config.tiers[1].capacity = units::Size{2, true};
  f.scheduler.prefetch = policy;
  f.scheduler.prefetch_level = 1;
  f.scheduler.prefetch_threshold_tokens = 1;
  return f;
}

// Seven input tokens and eight output tokens: two blocks and two of decode output.
Request with_decode(SimTimeNs at, std::vector<BlockId> blocks) { return Request{0, at, 7, 8, std::move(blocks)}; }

const std::vector<Request> kScenario{request(0, {1, 2}), with_decode(kNsPerS, {3, 4}),
                                     with_decode(2 * kNsPerS, {5, 6}), request(kD, {1, 2})};
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("no prefetch: D loads from the QLC over NVMe and PCIe at the QLC's 5 GB/s") {
    TimedFixture f = prefetch_fixture(PrefetchPolicy::kOff);
    const RunStats s = f.run(kScenario);
    CHECK(s.served_tokens[2] == 7);
    CHECK(s.prefetches == 0);
    // 1.6 ms + QLC 50 us + NVMe 3 us + PCIe 2 us.
    CHECK(f.last_ttft(kScenario) == 1'655'000 + ns(f.prefill_ns(1, 7)));
  }

  TEST_CASE("wait_complete: D queues when its prefetch has landed, then loads from the DDR") {
    TimedFixture f = prefetch_fixture(PrefetchPolicy::kWaitComplete);
    const RunStats s = f.run(kScenario);
    CHECK(s.prefetches == 1);
    CHECK(s.prefetched_blocks == 2);
    CHECK(s.prefetch_used_blocks == 2);
    CHECK(s.prefetch_wasted_blocks == 0);
    CHECK(s.prefetch_wait_ns.max() == 1'653'000);
    CHECK(s.served_tokens[1] == 7);
    CHECK(f.last_ttft(kScenario) == 1'653'000 + 803'000 + ns(f.prefill_ns(1, 7)));
  }

  TEST_CASE("best_effort: D is admitted at once; the prefetch in flight is wasted and holds the QLC") {
    TimedFixture f = prefetch_fixture(PrefetchPolicy::kBestEffort);
    const RunStats s = f.run(kScenario);
    CHECK(s.prefetched_blocks == 2);
    CHECK(s.prefetch_used_blocks == 0);
    CHECK(s.prefetch_wasted_blocks == 2);
    CHECK(s.prefetch_wait_ns.count() == 0);
    CHECK(s.served_tokens[2] == 7);
    // The QLC is busy with the cut-short prefetch until 1.6 ms; then the load takes
    // another 1.6 ms + 55 us.
    CHECK(f.last_ttft(kScenario) == 3'255'000 + ns(f.prefill_ns(1, 7)));
  }

  TEST_CASE("timeout: at 1 ms block 1 has landed and is used, block 2 is dropped and loaded from the QLC") {
    TimedFixture f = prefetch_fixture(PrefetchPolicy::kTimeout);
    f.scheduler.prefetch_timeout_base_ns = 1'000'000;
    f.scheduler.prefetch_timeout_per_1k_ns = 0;
    const RunStats s = f.run(kScenario);
    CHECK(s.prefetch_wait_ns.max() == 1'000'000);
    CHECK(s.prefetch_used_blocks == 1);
    CHECK(s.prefetch_wasted_blocks == 1);
    CHECK(s.served_tokens[1] == 4);
    CHECK(s.served_tokens[2] == 3);
    // From the DDR, 4 MB end at 1 + 0.4 + 0.003 ms; from the QLC, busy with the prefetch
    // until 1.6 ms, 4 MB take 0.8 ms + 55 us: 2.455 ms, the later of the two.
    CHECK(f.last_ttft(kScenario) == 2'455'000 + ns(f.prefill_ns(1, 7)));
  }

  TEST_CASE("timeout: base + per_1k x tokens / 1024") {
    SchedulerSpec spec;
    spec.prefetch_timeout_base_ns = kNsPerS;
    spec.prefetch_timeout_per_1k_ns = kNsPerS / 4;
    CHECK(spec.prefetch_timeout_ns(0) == kNsPerS);
    CHECK(spec.prefetch_timeout_ns(2048) == kNsPerS + kNsPerS / 2);
    CHECK(spec.prefetch_timeout_ns(512) == kNsPerS + kNsPerS / 8);
  }

  TEST_CASE("prefetch_threshold: too few tokens below the prefetch tier, no prefetch") {
    TimedFixture f = prefetch_fixture(PrefetchPolicy::kWaitComplete);
    f.scheduler.prefetch_threshold_tokens = 8;  // D has 7 tokens in the QLC
    const RunStats s = f.run(kScenario);
    CHECK(s.prefetches == 0);
    CHECK(f.last_ttft(kScenario) == 1'655'000 + ns(f.prefill_ns(1, 7)));
  }

  TEST_CASE("layer-wise: prefill starts after the first layer's load; TTFT = max(L1 + P, L + P/n)") {
    // C reloads 1 and 2 from the DDR in 843 us (see timed_driver_test.cpp).
    for (const double flops : {1e12, 1e13}) {
      CAPTURE(flops);
      TimedFixture f;
      f.model.layers = 4;
      f.instance.bf16_flops = flops;
      f.scheduler.layerwise = true;
      const std::vector<Request> requests{request(0, {1, 2}), request(kNsPerS, {3, 4, 5, 6}),
                                          request(2 * kNsPerS, {1, 2})};
      const std::uint64_t p = ns(f.prefill_ns(1, 7));
      const std::uint64_t load = 843'000;
      const std::uint64_t first_layer = (load + 3) / 4;
      const std::uint64_t expected = std::max(first_layer + p, load + (p + 3) / 4);
      CHECK(f.last_ttft(requests) == expected);
      // Without overlap it is load + prefill, which is longer.
      f.scheduler.layerwise = false;
      CHECK(f.last_ttft(requests) == load + p);
      CHECK(expected < load + p);
    }
  }
}
