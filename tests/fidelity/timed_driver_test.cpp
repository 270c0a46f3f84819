// The timed driver on scenarios worked out by hand: TTFT is queueing + loading + prefill,
// with every part computed here from the configuration, not taken from kvtier.
#include <doctest/doctest.h>

#include "tests/support/timed_fixture.h"

using namespace kvtier;
using namespace kvtier::test;

namespace {
using Fixture = TimedFixture;
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("a cold request: TTFT is the prefill of its whole input") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2})});
    CHECK(s.ttft_ns.count() == 1);
    CHECK(s.ttft_ns.max() == ns(f.prefill_ns(7, 0)));
    CHECK(s.recomputed_tokens == 7);
    CHECK(s.completed == 1);
  }

  TEST_CASE("a first-tier hit: only the new tokens are computed, attending to the cached ones") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2}), request(kNsPerS, {1, 2, 3})});
    CHECK(s.prefix_hit_blocks == 2);
    CHECK(s.served_tokens[0] == 8);
    CHECK(s.ttft_ns.min() == ns(f.prefill_ns(3, 8)));
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
    CHECK(s.ttft_ns.min() == ns(load + f.prefill_ns(1, 7)));
  }

  TEST_CASE("prefills queue FIFO on the instance") {
    Fixture f;
    const RunStats s = f.run({request(0, {1}), request(0, {2})});
    const double p = f.prefill_ns(3, 0);
    CHECK(s.ttft_ns.min() == ns(p));
    CHECK(s.ttft_ns.max() == ns(2 * p));
    CHECK(s.compute_wait_ns.max() == ns(p));
  }

  TEST_CASE("admission waits for first-tier room held by running requests") {
    Fixture f;
    // A pins 3 of the 4 first-tier blocks until it ends; B needs 2.
    const RunStats s = f.run({request(0, {1, 2, 3}), request(0, {4, 5})});
    const double a = f.prefill_ns(11, 0);
    CHECK(s.admission_wait_ns.max() == ns(a));
    CHECK(s.ttft_ns.max() == ns(a) + ns(f.prefill_ns(7, 0)));
  }

  TEST_CASE("a request larger than the first tier is rejected, and the rest still run") {
    Fixture f;
    const RunStats s = f.run({request(0, {1, 2, 3, 4, 5}), request(0, {6})});
    CHECK(s.rejected == 1);
    CHECK(s.completed == 1);
  }
}
