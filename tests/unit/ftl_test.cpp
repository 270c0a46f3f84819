#include <doctest/doctest.h>

#include <map>
#include <stdexcept>

#include "core/rng/rng.h"
#include "tiers/flash/ftl.h"

using namespace kvtier;

namespace {
FtlConfig small_drive(GcPolicy gc) {
  FtlConfig config;
  config.logical_bytes = 64ULL << 20;
  config.iu_bytes = 16 * 1024;
  config.erase_block_bytes = 1ULL << 20;
  config.over_provisioning = 0.2;
  config.gc = gc;
  config.streams = 2;
  return config;
}
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("FTL: a write smaller than the IU programs whole IUs (read-modify-write)") {
    Ftl ftl(small_drive(GcPolicy::kGreedy));
    ftl.write(1, 20 * 1024, 0);  // 1.25 IUs -> 2
    CHECK(ftl.host_bytes() == 20 * 1024);
    CHECK(ftl.nand_bytes() == 32 * 1024);
    CHECK(ftl.waf() == doctest::Approx(32.0 / 20.0));
    CHECK(ftl.valid_ius() == 2);
    ftl.trim(1);
    CHECK_FALSE(ftl.mapped(1));
    CHECK(ftl.valid_ius() == 0);
    ftl.trim(1);  // absent: nothing
    CHECK(ftl.valid_ius() == 0);
  }

  TEST_CASE("FTL: raw space is logical x (1 + OP) in whole erase blocks") {
    Ftl ftl(small_drive(GcPolicy::kGreedy));
    CHECK(ftl.erase_blocks() == 76);  // floor(64 MiB x 1.2 / 1 MiB)
    CHECK(ftl.raw_bytes() == 76ULL << 20);
  }

  TEST_CASE("FTL: too little over-provisioning to collect is refused, naming the shortfall") {
    FtlConfig config = small_drive(GcPolicy::kGreedy);
    config.over_provisioning = 0.01;
    CHECK_THROWS_WITH_AS(Ftl{config}, doctest::Contains("spare erase blocks"), std::invalid_argument);
  }

  TEST_CASE("FTL: blocks written in a row share a region until it fills") {
    Ftl ftl(small_drive(GcPolicy::kGreedy));
    for (Slot s = 10; s < 15; ++s) ftl.write(s, 256 * 1024, 0);  // four per 1 MiB block
    const std::uint32_t region = ftl.region_of(10);
    CHECK(ftl.region_of(13) == region);
    CHECK(ftl.region_of(14) != region);
  }

  TEST_CASE("FTL: every GC policy keeps the mapping whole under random writes and trims") {
    // Checked against a plain map of what should be resident: the valid IUs, the set of
    // mapped blocks, and NAND bytes = host IUs + relocated IUs.
    for (const GcPolicy gc : {GcPolicy::kGreedy, GcPolicy::kFifo, GcPolicy::kCostBenefit}) {
      Ftl ftl(small_drive(gc));
      Rng r(5);
      std::map<Slot, std::uint64_t> live;  // slot -> IUs
      std::uint64_t live_ius = 0;
      for (int step = 0; step < 60'000; ++step) {
        const auto id = static_cast<Slot>(r.below(400));
        if (const auto it = live.find(id); it != live.end()) {
          live_ius -= it->second;
          live.erase(it);
          ftl.trim(id);
        }
        if (r.below(4) != 0) {
          const std::uint64_t bytes = 1 + r.below(160 * 1024);  // 1 B .. 10 IUs: straddles erase blocks
          const std::uint64_t ius = (bytes + 16 * 1024 - 1) / (16 * 1024);
          if (live_ius + ius <= 4096) {  // within the 64 MiB logical space
            ftl.write(id, bytes, static_cast<std::uint32_t>(r.below(2)));
            live.emplace(id, ius);
            live_ius += ius;
          }
        }
        REQUIRE(ftl.valid_ius() == live_ius);
      }
      CAPTURE(static_cast<int>(gc));
      for (Slot id = 0; id < 400; ++id) CHECK(ftl.mapped(id) == (live.count(id) == 1));
      CHECK(ftl.erases() > 0);
      CHECK(ftl.relocated_ius() > 0);
      CHECK(ftl.nand_bytes() == (ftl.host_ius() + ftl.relocated_ius()) * 16 * 1024);
      CHECK(ftl.max_pe() >= 1);
      CHECK(ftl.mean_pe() == doctest::Approx(static_cast<double>(ftl.erases()) / ftl.erase_blocks()));
    }
  }
}
