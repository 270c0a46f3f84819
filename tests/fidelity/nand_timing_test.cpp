// The NAND array of a flash tier against figures worked out from its datasheet numbers:
// an unloaded page read costs tR plus its transfers; a stream of writes sustains the
// slowest of the dies' program rate, the channels and the host interface; an SLC cache
// absorbs a burst smaller than itself and a longer one falls to the main NAND's rate; and
// garbage collection holds the array for exactly the work it does.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "tiers/flash/nand_timing.h"
#include "tiers/hierarchy.h"

using namespace kvtier;

namespace {
constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = 1024 * kKiB;

NandSpec qlc() {
  NandSpec n;
  n.over_provisioning = 0.145;
  n.iu_bytes = 16 * kKiB;
  n.page_bytes = 16 * kKiB;
  n.erase_block_bytes = 48 * kMiB;
  n.planes = 4;
  n.pages_per_wordline = 4;  // program unit: 256 KiB
  n.dies = 64;
  n.channels = 16;
  n.channel_bytes_per_s = 2'400'000'000;
  n.read_time_ns = 120'000;
  n.program_time_ns = 7'000'000;
  n.erase_time_ns = 15'000'000;
  n.slc_program_time_ns = 300'000;
  n.waf_interval_ns = 300'000'000'000;
  return n;
}

// An HBM far faster than anything below it, over a flash tier written through from it
// (so every block placed on top is written to the flash at once). No links.
HierarchyConfig system(std::uint64_t block_bytes, const NandSpec& nand, std::uint64_t read_bytes_per_s,
                       std::uint64_t write_bytes_per_s) {
  HierarchyConfig c;
  c.block_bytes = block_bytes;
  c.timed = true;
  TierSpec hbm;
  hbm.name = "hbm";
  hbm.medium = "hbm";
  hbm.capacity = units::Size{1'000'000, true};
  hbm.read_bytes_per_s = hbm.write_bytes_per_s = 100'000'000'000'000;  // 100 TB/s
  hbm.eviction = "lru";
  TierSpec ssd;
  ssd.name = "ssd";
  ssd.medium = "flash";
  ssd.capacity = units::Size{64ULL << 30, false};
  ssd.read_bytes_per_s = read_bytes_per_s;
  ssd.write_bytes_per_s = write_bytes_per_s;
  ssd.read_latency_ns = 10'000;
  ssd.eviction = "lru";
  ssd.write_policy = "through";
  ssd.nand_model = true;
  ssd.nand = nand;
  c.tiers = {hbm, ssd};
  return c;
}

// Places `n` blocks on top at `now`, back to back; returns when each has landed on the flash.
std::vector<SimTimeNs> write_burst(Hierarchy& h, BlockId first, std::uint64_t n, SimTimeNs now) {
  std::vector<SimTimeNs> landed;
  for (BlockId id = first; id < first + n; ++id) {
    const BlockAccess block{id, 0, now};
    REQUIRE(h.insert_top(0, block, false) != kNoSlot);
    h.placed(0, 0, block, now);
    const BlockStore& ssd = h.store(1, 0);
    landed.push_back(ssd.ready_at(ssd.find(id)));
  }
  return landed;
}

double ns_for(double bytes, double bytes_per_s) { return std::ceil(bytes / bytes_per_s * 1e9); }

// Bytes per second of a burst of `n` blocks written from `now`, measured from its first
// block's issue to its last block's landing.
double burst_rate(Hierarchy& h, BlockId first, std::uint64_t n, std::uint64_t block_bytes, SimTimeNs now) {
  const std::vector<SimTimeNs> landed = write_burst(h, first, n, now);
  return static_cast<double>(n * block_bytes) / (static_cast<double>(landed.back() - now) * 1e-9);
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("NAND: an unloaded 16 KiB read costs the controller's latency, tR and its transfers") {
    const std::uint64_t block = 16 * kKiB;
    Hierarchy h(system(block, qlc(), 7'000'000'000, 3'000'000'000));
    write_burst(h, 1, 1, 0);
    const SimTimeNs now = 1'000'000'000;  // long after the write has been programmed
    const SimTimeNs done = h.load(0, 1, 1, now, now);
    // tR, the page over one 2.4 GB/s channel, then the 7 GB/s host interface (the
    // longest hold on the path: the array's share is 120 us / 64 dies = 1.9 us).
    const double expected = 10'000 + 120'000 + ns_for(16.0 * kKiB, 2.4e9) + ns_for(16.0 * kKiB, 7e9);
    CHECK(static_cast<double>(done - now) == doctest::Approx(expected).epsilon(1e-6));
  }

  TEST_CASE("NAND: reads of a large block run at the interface rate once the first page is out") {
    const std::uint64_t block = 64 * kMiB;
    Hierarchy h(system(block, qlc(), 7'000'000'000, 3'000'000'000));
    write_burst(h, 1, 1, 0);
    const SimTimeNs now = 10'000'000'000;
    const SimTimeNs done = h.load(0, 1, 1, now, now);
    const double expected = 10'000 + 120'000 + ns_for(16.0 * kKiB, 2.4e9) + ns_for(64.0 * kMiB, 7e9);
    CHECK(static_cast<double>(done - now) == doctest::Approx(expected).epsilon(1e-6));
  }

  TEST_CASE("NAND: sustained sequential writes run at min(dies x program rate, channels, interface)") {
    const std::uint64_t block = 4 * kMiB;
    struct Case {
      const char* bound;
      std::int64_t dies;
      std::int64_t channels;
      std::uint64_t channel_bytes_per_s;
      std::uint64_t interface_bytes_per_s;
    };
    for (const Case& c : {Case{"program", 64, 16, 2'400'000'000, 7'000'000'000},
                          Case{"channels", 512, 2, 800'000'000, 7'000'000'000},
                          Case{"interface", 512, 16, 2'400'000'000, 1'000'000'000}}) {
      NandSpec nand = qlc();
      nand.dies = c.dies;
      nand.channels = c.channels;
      nand.channel_bytes_per_s = c.channel_bytes_per_s;
      Hierarchy h(system(block, nand, 7'000'000'000, c.interface_bytes_per_s));
      const double program = static_cast<double>(c.dies) * 256.0 * kKiB / 7e-3;
      const double channels = static_cast<double>(c.channels) * static_cast<double>(c.channel_bytes_per_s);
      const double expected = std::min({program, channels, static_cast<double>(c.interface_bytes_per_s)});
      const double got = burst_rate(h, 1, 500, block, 0);  // 2 GB, far from filling 64 GiB: no GC
      CAPTURE(c.bound);
      CAPTURE(got);
      CAPTURE(expected);
      CHECK(std::fabs(got - expected) <= 0.05 * expected);
    }
  }

  TEST_CASE("NAND: the SLC cache takes a burst smaller than itself at SLC speed; a longer one falls to QLC") {
    const std::uint64_t block = 4 * kMiB;
    NandSpec nand = qlc();
    nand.slc_cache_bytes = 512 * kMiB;
    const double qlc_rate = 64 * 256.0 * kKiB / 7e-3;   // 2.4 GB/s
    const double slc_rate = 64 * 256.0 * kKiB / 3e-4;   // 55.9 GB/s: the 14 GB/s interface binds
    const double interface_rate = 14e9;
    Hierarchy h(system(block, nand, 14'000'000'000, 14'000'000'000));
    // 256 MiB: half the cache, at the interface's rate.
    const double small = burst_rate(h, 1, 64, block, 0);
    CHECK(std::fabs(small - std::min(slc_rate, interface_rate)) <= 0.05 * interface_rate);
    // A second burst long after: the first has been folded away (256 MiB at 2.4 GB/s is
    // 0.11 s). 4 GiB: the first 512 MiB fill the cache, the rest goes at the QLC rate.
    const SimTimeNs later = 1'000'000'000;
    const std::vector<SimTimeNs> landed = write_burst(h, 1000, 1024, later);
    const double head = 128.0 * block / (static_cast<double>(landed[127] - later) * 1e-9);
    const double tail = 512.0 * block / (static_cast<double>(landed[1023] - landed[511]) * 1e-9);
    CAPTURE(head);
    CAPTURE(tail);
    CHECK(std::fabs(head - interface_rate) <= 0.05 * interface_rate);
    CHECK(std::fabs(tail - qlc_rate) <= 0.05 * qlc_rate);
  }

  TEST_CASE("NAND: garbage collection holds the array for its reads, programs and erases") {
    const NandSpec nand = qlc();
    NandTiming timing(nand, 2);  // two drives: 128 dies, 32 channels
    // 2 MiB of host data that set off the collection of one erase block holding 8 MiB
    // of valid data: 128 IUs programmed, 512 relocated, one erase.
    const FtlWork work{128, 512, 1};
    const PathLeg write = timing.write_leg(work, 0);
    // By hand: 2 MiB is 8 program units of 7 ms; 8 MiB relocated is 128 multi-plane
    // reads of 120 us and 32 program units; one 15 ms erase. Over 128 dies.
    const double dies_ns = (8 * 7e6 + 128 * 120e3 + 32 * 7e6 + 15e6) / 128;
    const double channels_ns = (2.0 + 2 * 8.0) * kMiB / (32 * 2.4e9) * 1e9;
    CHECK(static_cast<double>(write.fixed_hold_ns) == doctest::Approx(std::max(dies_ns, channels_ns)).epsilon(1e-6));
    CHECK(write.latency_ns == 0);
    CHECK(static_cast<double>(timing.gc_busy_ns()) == doctest::Approx((128 * 120e3 + 32 * 7e6 + 15e6) / 128).epsilon(1e-6));
    // A read issued with the write waits behind all of it: GC shows in read latency.
    const TransferTiming w = reserve_transfer(0, 2 * kMiB, std::span(&write, 1));
    const PathLeg read = timing.read_leg(16 * kKiB);
    const TransferTiming r = reserve_transfer(0, 16 * kKiB, std::span(&read, 1));
    CHECK(r.start_ns == w.start_ns + write.fixed_hold_ns);
    CHECK(r.complete_ns - r.start_ns == read.fixed_hold_ns + 120'000 + static_cast<SimTimeNs>(ns_for(16.0 * kKiB, 2.4e9)));
    // The same write without the collection holds the array for the host data alone.
    NandTiming clean(nand, 2);
    CHECK(static_cast<double>(clean.write_leg(FtlWork{128, 0, 0}, 0).fixed_hold_ns) ==
          doctest::Approx(8 * 7e6 / 128).epsilon(1e-6));
  }
}
