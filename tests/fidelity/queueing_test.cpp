// The port model against queueing theory: a FIFO server fed by Poisson arrivals must show
// the Pollaczek-Khinchine mean waits (M/M/1 and M/D/1), and transfers must take exactly
// latency + size / bandwidth unloaded and sustain exactly the bandwidth when saturated.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/config/config_loader.h"
#include "core/rng/rng.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "tiers/hierarchy.h"
#include "tiers/port.h"

using namespace kvtier;

namespace {
constexpr std::uint64_t kRate = 1'000'000'000;  // 1 GB/s
constexpr double kMeanBytes = 1'000'000;       // 1 ms of service on average

// Mean wait in queue of `n` transfers arriving as a Poisson process at utilisation rho.
double mean_wait_ns(double rho, bool exponential_sizes, std::uint64_t n, std::uint64_t seed) {
  Port port(1);
  const PathLeg leg{&port, 0, kRate};
  Rng rng(seed);
  const double mean_service_ns = kMeanBytes / static_cast<double>(kRate) * 1e9;
  const double mean_gap_ns = mean_service_ns / rho;
  double t = 0;
  double wait_sum = 0;
  const std::uint64_t warmup = n / 100;
  for (std::uint64_t i = 0; i < n + warmup; ++i) {
    t += rng.exponential(mean_gap_ns);
    const auto now = static_cast<SimTimeNs>(t);
    const auto bytes =
        exponential_sizes ? static_cast<std::uint64_t>(std::llround(rng.exponential(kMeanBytes))) : std::uint64_t{1'000'000};
    const TransferTiming timing = reserve_transfer(now, bytes, std::span(&leg, 1));
    if (i >= warmup) wait_sum += static_cast<double>(timing.start_ns - now);
  }
  return wait_sum / static_cast<double>(n);
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("M/M/1 mean wait within 2% of rho / (mu - lambda)") {
    const double service_ns = 1e6;
    for (const auto& point : {std::pair{0.5, 4'000'000ULL}, {0.7, 6'000'000ULL}, {0.9, 20'000'000ULL}}) {
      const double rho = point.first;
      const std::uint64_t n = point.second;
      const double expected = rho * service_ns / (1 - rho);
      const double got = mean_wait_ns(rho, true, n, 101);
      CAPTURE(rho);
      CAPTURE(got);
      CAPTURE(expected);
      CHECK(std::fabs(got - expected) <= 0.02 * expected);
    }
  }

  TEST_CASE("M/D/1 mean wait within 2% of rho / (2 mu (1 - rho))") {
    const double service_ns = 1e6;
    for (const auto& point : {std::pair{0.5, 2'000'000ULL}, {0.7, 3'000'000ULL}, {0.9, 10'000'000ULL}}) {
      const double rho = point.first;
      const std::uint64_t n = point.second;
      const double expected = rho * service_ns / (2 * (1 - rho));
      const double got = mean_wait_ns(rho, false, n, 202);
      CAPTURE(rho);
      CAPTURE(got);
      CAPTURE(expected);
      CHECK(std::fabs(got - expected) <= 0.02 * expected);
    }
  }

  TEST_CASE("an unloaded load takes exactly the path's latencies plus size over its slowest rate") {
    HierarchyConfig c;
    c.block_bytes = 64ULL << 20;
    c.tiers.resize(2);
    c.tiers[0].name = "hbm";
    c.tiers[0].capacity = units::Size{10, true};
    c.tiers[0].read_bytes_per_s = c.tiers[0].write_bytes_per_s = 3'350'000'000'000ULL;
    c.tiers[0].write_latency_ns = 400;
    c.tiers[0].efficiency = 0.8;
    c.tiers[0].eviction = "lru";
    c.tiers[1] = c.tiers[0];
    c.tiers[1].name = "ddr";
    c.tiers[1].read_bytes_per_s = c.tiers[1].write_bytes_per_s = 614'400'000'000ULL;
    c.tiers[1].read_latency_ns = 100;
    c.tiers[1].efficiency = 0.75;
    c.tiers[1].links = {"pcie"};
    LinkSpec pcie;
    pcie.name = "pcie";
    pcie.bytes_per_s = 63'000'000'000ULL;
    pcie.latency_ns = 1'500;
    pcie.efficiency = 0.84;
    c.links = {pcie};
    Hierarchy h(c);
    // PCIe at 0.84 x 63 GB/s = 52.92 GB/s is the slowest leg.
    const std::uint64_t bytes = 3 * c.block_bytes;
    const auto transfer = static_cast<SimTimeNs>(std::ceil(static_cast<double>(bytes) / 52.92e9 * 1e9));
    CHECK(h.load(0, 1, 3, 1'000, 0) == 1'000 + 100 + 1'500 + 400 + transfer);
  }

  TEST_CASE("a tier's transfer latency: exact for two loads at once, M/D/1 sojourn under Poisson loads") {
    // A DDR of one 1 GB/s server under a fast HBM, no latencies, no links: a load of one
    // 1 MB block holds the DDR's port for D = 1 ms, and a load's latency is its wait in
    // the DDR's queue plus D.
    const auto two_tiers = [] {
      HierarchyConfig c;
      c.block_bytes = 1'000'000;
      c.tiers.resize(2);
      c.tiers[0].name = "hbm";
      c.tiers[0].capacity = units::Size{10, true};
      c.tiers[0].read_bytes_per_s = c.tiers[0].write_bytes_per_s = 3'350'000'000'000ULL;
      c.tiers[0].eviction = "lru";
      c.tiers[1] = c.tiers[0];
      c.tiers[1].name = "ddr";
      c.tiers[1].read_bytes_per_s = c.tiers[1].write_bytes_per_s = kRate;
      return c;
    };
    constexpr double kServiceNs = 1e6;
    {
      Hierarchy h(two_tiers());
      h.load(0, 1, 1, 0, 0);
      h.load(0, 1, 1, 0, 0);  // waits for the first
      const Histogram& ddr = h.stats(1).read_latency_ns;
      CHECK(ddr.count() == 2);
      CHECK(ddr.min() == 1'000'000);
      CHECK(ddr.max() == 2'000'000);
      CHECK(h.stats(0).write_latency_ns.max() == 2'000'000);  // the same transfers, seen from the HBM
      CHECK(h.stats(0).read_latency_ns.count() == 0);
    }
    // Sojourn = D + rho D / (2 (1 - rho)) (Pollaczek-Khinchine, deterministic service).
    for (const auto& point : {std::pair{0.5, 2'000'000ULL}, {0.8, 4'000'000ULL}}) {
      const double rho = point.first;
      Hierarchy h(two_tiers());
      Rng rng(202);
      double t = 0;
      for (std::uint64_t i = 0; i < point.second; ++i) {
        t += rng.exponential(kServiceNs / rho);
        const auto now = static_cast<SimTimeNs>(t);
        h.load(0, 1, 1, now, now);
      }
      const double expected = kServiceNs + rho * kServiceNs / (2 * (1 - rho));
      const double got = h.stats(1).read_latency_ns.mean();
      CAPTURE(rho);
      CAPTURE(got);
      CAPTURE(expected);
      CHECK(std::fabs(got - expected) <= 0.02 * expected);
    }
  }

  TEST_CASE("a per-device link carries its tier's drives' worth: four NVMe x4 interfaces, four times one") {
    // The built-in system's four QLC drives made fast enough that their links are the
    // slowest leg of a load: 4 x 7.88 GB/s, or one link's 7.88 GB/s when not per device.
    for (const bool per_device : {true, false}) {
      const std::vector<Override> sets{{"tiers.qlc.read_bandwidth", "1000GB/s"},
                                       {"links.nvme.per_device", per_device ? "true" : "false"}};
      const SystemSpec spec = build_system_spec(load_config(ConfigRequest{"default", sets, ""}));
      REQUIRE(spec.tiers.size() == 3);
      REQUIRE(spec.tiers[2].count == 4);
      Hierarchy h(hierarchy_config(spec));
      const std::uint64_t bytes = 3 * h.block_bytes();
      SimTimeNs latency = spec.tiers[2].read_latency_ns + spec.tiers[0].write_latency_ns;
      for (const LinkSpec& l : spec.links) latency += l.latency_ns;  // nvme and pcie, both on the path
      const double rate = (per_device ? 4 : 1) * 7.88e9;
      CAPTURE(per_device);
      CHECK(h.load(0, 2, 3, 0, 0) == latency + static_cast<SimTimeNs>(std::ceil(static_cast<double>(bytes) / rate * 1e9)));
    }
  }

  TEST_CASE("saturated transfers sustain exactly the bandwidth; channels serve in parallel") {
    Port one(1);
    const PathLeg leg{&one, 5'000, kRate};
    SimTimeNs last = 0;
    for (int i = 0; i < 1000; ++i) last = reserve_transfer(0, 1'000'000, std::span(&leg, 1)).complete_ns;
    CHECK(last == 1000 * 1'000'000 + 5'000);  // 1 GB at 1 GB/s, plus one latency
    CHECK(one.busy_ns() == 1'000'000'000);

    Port four(4);
    const PathLeg quarter{&four, 0, kRate / 4};
    for (int i = 0; i < 4; ++i) CHECK(reserve_transfer(0, 1'000'000, std::span(&quarter, 1)).complete_ns == 4'000'000);
    CHECK(reserve_transfer(0, 1'000'000, std::span(&quarter, 1)).start_ns == 4'000'000);
  }

  TEST_CASE("a transfer uses an idle gap left before a later reservation on the same port") {
    Port shared(1);
    Port blocked(1);
    const PathLeg only_blocked{&blocked, 0, kRate};
    reserve_transfer(0, 10'000'000, std::span(&only_blocked, 1));  // blocked is busy for 10 ms
    const PathLeg both[] = {{&shared, 0, kRate}, {&blocked, 0, kRate}};
    CHECK(reserve_transfer(0, 1'000'000, both).start_ns == 10'000'000);  // shared held [10, 11) ms
    const PathLeg only_shared{&shared, 0, kRate};
    CHECK(reserve_transfer(0, 2'000'000, std::span(&only_shared, 1)).start_ns == 0);  // fits before it
    CHECK(reserve_transfer(0, 9'000'000, std::span(&only_shared, 1)).start_ns == 11'000'000);  // does not
  }

  TEST_CASE("a transfer holds each leg for that leg's own time, and ends with the slowest") {
    Port fast(1);
    Port slow(1);
    const PathLeg legs[] = {{&fast, 0, 4'000'000'000}, {&slow, 0, 1'000'000'000}};
    const TransferTiming t = reserve_transfer(0, 4'000'000, legs);
    CHECK(t.complete_ns == 4'000'000);
    CHECK(fast.busy_ns() == 1'000'000);
    // A transfer on the fast port alone starts when that port is free, not after the slow one.
    const PathLeg only_fast{&fast, 0, 4'000'000'000};
    CHECK(reserve_transfer(0, 4'000'000, std::span(&only_fast, 1)).start_ns == 1'000'000);
  }
}
