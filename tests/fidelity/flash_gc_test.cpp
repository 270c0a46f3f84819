// The FTL's write amplification against the closed forms of hardware.md §5.2(b): greedy
// garbage collection under uniform random overwrites, and a cache that trims in write
// order (which should need no relocation at all). Lambert W0 is checked on its own first,
// since the formula is only as good as it.
#include <doctest/doctest.h>

#include <cmath>

#include "core/rng/rng.h"
#include "tiers/flash/ftl.h"
#include "tiers/flash/lambert_w.h"

using namespace kvtier;

namespace {
constexpr std::uint64_t kIu = 4096;

// Overwrites `logical_ius` one-IU blocks uniformly at random, `rounds` x the volume to
// reach steady state and as much again measured; returns the measured WAF.
double uniform_overwrite_waf(Ftl& ftl, std::uint64_t logical_ius, std::uint64_t rounds) {
  Rng r(99);
  for (Slot s = 0; s < logical_ius; ++s) ftl.write(s, kIu, 0);
  auto overwrite = [&] {
    for (std::uint64_t i = 0; i < rounds * logical_ius; ++i) {
      const auto s = static_cast<Slot>(r.below(logical_ius));
      ftl.trim(s);
      ftl.write(s, kIu, 0);
    }
  };
  overwrite();
  const std::uint64_t host0 = ftl.host_bytes();
  const std::uint64_t nand0 = ftl.nand_bytes();
  overwrite();
  return static_cast<double>(ftl.nand_bytes() - nand0) / static_cast<double>(ftl.host_bytes() - host0);
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("Lambert W0 solves w e^w = x and hits its known values") {
    CHECK(lambert_w0(0.0) == 0.0);
    CHECK(lambert_w0(-std::exp(-1.0)) == doctest::Approx(-1.0).epsilon(1e-12));
    CHECK(lambert_w0(1.0) == doctest::Approx(0.5671432904097838).epsilon(1e-14));  // the omega constant
    CHECK(lambert_w0(std::exp(1.0)) == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(lambert_w0(-std::log(2.0) / 2.0) == doctest::Approx(-std::log(2.0)).epsilon(1e-13));
    for (double x = -0.3678; x < 50.0; x += 0.0173) {
      const double w = lambert_w0(x);
      CAPTURE(x);
      CHECK(w >= -1.0);
      CHECK(w * std::exp(w) == doctest::Approx(x).epsilon(1e-12).scale(1.0));
    }
  }

  TEST_CASE("greedy GC under uniform random overwrites: WAF within 5% of a / (a + W0(-a e^-a))") {
    // 512 IUs per erase block and 256K IUs of data; the reserve is the FTL's minimum (two
    // free blocks) and one block, on average, sits open (the host's and the GC's open
    // blocks, each half full), so the OP that garbage collection sees is the raw space
    // less those three blocks.
    constexpr std::uint64_t kIusPerBlock = 512;
    constexpr std::uint64_t kLogicalIus = 256 * 1024;
    for (const double op : {0.07, 0.145, 0.28, 0.50}) {
      FtlConfig config;
      config.logical_bytes = kLogicalIus * kIu;
      config.iu_bytes = kIu;
      config.erase_block_bytes = kIusPerBlock * kIu;
      config.over_provisioning = op;
      config.gc_threshold = 0.0;
      Ftl ftl(config);
      const double waf = uniform_overwrite_waf(ftl, kLogicalIus, 2);
      const double usable_ius = static_cast<double>((ftl.erase_blocks() - 3) * kIusPerBlock);
      const double effective_op = usable_ius / static_cast<double>(kLogicalIus) - 1.0;
      const double expected = greedy_gc_waf(effective_op);
      CAPTURE(op);
      CAPTURE(effective_op);
      CAPTURE(waf);
      CAPTURE(expected);
      CHECK(std::fabs(waf / expected - 1.0) <= 0.05);
      CHECK(ftl.valid_ius() == kLogicalIus);
    }
  }

  TEST_CASE("a FIFO cache trimming in write order needs no relocation: WAF <= 1.05") {
    // 5 MiB KV blocks on 16 KiB IUs and 48 MiB erase blocks (not a multiple: blocks
    // straddle erase blocks), the cache filled to 90% of the logical space.
    for (const GcPolicy gc : {GcPolicy::kGreedy, GcPolicy::kFifo, GcPolicy::kCostBenefit}) {
      FtlConfig config;
      config.logical_bytes = 4ULL << 30;
      config.over_provisioning = 0.07;
      config.gc = gc;
      Ftl ftl(config);
      constexpr std::uint64_t kBlock = 5ULL << 20;
      const std::uint64_t resident = config.logical_bytes * 9 / 10 / kBlock;
      // The slot written at step i is i mod resident: the oldest block's slot, trimmed
      // just before.
      for (std::uint64_t i = 0; i < resident * 20; ++i) {
        const auto slot = static_cast<Slot>(i % resident);
        ftl.trim(slot);
        ftl.write(slot, kBlock, 0);
      }
      CAPTURE(static_cast<int>(gc));
      CHECK(ftl.erases() > ftl.erase_blocks());  // the drive did wrap around
      CHECK(ftl.waf() <= 1.05);
      CHECK(ftl.relocated_ius() == 0);
    }
  }
}
