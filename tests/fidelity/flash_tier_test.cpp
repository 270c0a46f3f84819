// A flash tier with its NAND modelled, end to end: a run of the built-in chat workload on
// one SSD cache, its placement modes against each other, and the wear figures of its
// summary recomputed by hand from hardware.md §5.2(d).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/config/config_loader.h"
#include "core/sim/simulation.h"
#include "kvtier/error.h"
#include "tests/support/paths.h"

using namespace kvtier;

namespace {
// tests/support/ssd_cache.toml: 2 MiB blocks on a 4 GiB slice of a D5-P5336.
const std::string kSsdCache = test::support_file("ssd_cache.toml");

Summary run(const std::vector<Override>& sets) {
  const ResolvedConfig config = load_config(ConfigRequest{kSsdCache, sets, ""});
  SimulationResult r = simulate(config, RunControl{});
  REQUIRE_FALSE(r.failure.has_value());
  return r.summary;
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("flash tier: a FIFO cache in log placement keeps WAF <= 1.05 and pays in hit ratio") {
    const Summary log = run({{"tiers.ssd.eviction", "fifo"}, {"tiers.ssd.placement", "log"}});
    const Summary device = run({{"tiers.ssd.eviction", "fifo"}, {"tiers.ssd.placement", "device"}});
    REQUIRE(log.tiers[0].flash.has_value());
    const FlashSummary& f = *log.tiers[0].flash;
    CHECK(f.placement == "log");
    CHECK(f.erases > 10 * (f.raw_bytes / (48ULL << 20)));  // the drive wrapped many times
    CHECK(f.waf <= 1.05);
    CHECK(f.waf >= 1.0);
    // Whole regions go at once, so blocks leave earlier than FIFO alone would evict them.
    CHECK(log.tiers[0].evicted_blocks > device.tiers[0].evicted_blocks);
    CHECK(log.prefix_block_weighted < device.prefix_block_weighted);
  }

  TEST_CASE("flash tier: host and NAND bytes, WAF over time and wear follow hardware.md 5.2(d)") {
    const Summary s = run({{"tiers.ssd.eviction", "s3fifo"}});
    const TierSummary& t = s.tiers[0];
    REQUIRE(t.flash.has_value());
    const FlashSummary& f = *t.flash;
    // Every block the tier took was written to the NAND once, at 2 MiB.
    CHECK(f.host_written_bytes == t.written_bytes);
    CHECK(f.host_written_bytes == t.inserted_blocks * s.block_bytes);
    CHECK(f.logical_bytes == 4ULL << 30);
    CHECK(f.raw_bytes == static_cast<std::uint64_t>(std::floor(4.0 * (1 << 30) * 1.145 / (48 << 20))) * (48ULL << 20));
    CHECK(f.nand_written_bytes == f.host_written_bytes + f.relocated_bytes);
    CHECK(f.waf == doctest::Approx(static_cast<double>(f.nand_written_bytes) / static_cast<double>(f.host_written_bytes)));
    std::uint64_t host = 0;
    std::uint64_t nand = 0;
    for (const WafSample& w : f.waf_over_time) {
      host += w.host_bytes;
      nand += w.nand_bytes;
    }
    CHECK(host == f.host_written_bytes);
    CHECK(nand == f.nand_written_bytes);
    CHECK(f.waf_over_time.size() >= 2);
    // hardware.md §5.2(d), by hand.
    const double days = static_cast<double>(s.sim_duration_ns) / 86400e9;
    const double host_per_day = static_cast<double>(f.host_written_bytes) / days;
    const double nand_per_day = static_cast<double>(f.nand_written_bytes) / days;
    CHECK(f.dwpd_required == doctest::Approx(host_per_day / (4.0 * (1 << 30))));
    const double pe_per_day = nand_per_day / static_cast<double>(f.raw_bytes);
    CHECK(f.life_years == doctest::Approx(1500.0 / (pe_per_day * 365.0)));
    CHECK(f.pe_mean == doctest::Approx(static_cast<double>(f.erases) / static_cast<double>(f.raw_bytes / (48ULL << 20))));
    CHECK(f.dwpd_rated == 0.6);
    CHECK(f.pbw_rated == 134.0);
    CHECK(f.rated_life_years == doctest::Approx(134e15 / (host_per_day * 365.0)));
  }

  TEST_CASE("flash tier: NAND settings that cannot work are configuration errors") {
    auto error_of = [](const std::vector<Override>& sets) {
      try {
        const ResolvedConfig config = load_config(ConfigRequest{kSsdCache, sets, ""});
        (void)simulate(config, RunControl{});
      } catch (const Error& e) {
        CHECK(e.code() == ExitCode::kConfig);
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(error_of({{"tiers.ssd.placement", "log"}}) ==
          "--set tiers.ssd.placement=log: tiers.ssd.placement: log placement evicts whole regions in write order: set eviction = "
          "\"fifo\"");
    CHECK(error_of({{"tiers.ssd.placement", "fdp"}, {"tiers.ssd.over_provisioning", "0.07"}}) ==
          "--set tiers.ssd.over_provisioning=0.07: tiers.ssd.over_provisioning: over-provisioning leaves 6 spare erase blocks; garbage "
          "collection needs at least 8");
    CHECK(error_of({{"tiers.ssd.medium", "ddr"}}).find("applies only with medium = \"flash\"") != std::string::npos);
  }
}
