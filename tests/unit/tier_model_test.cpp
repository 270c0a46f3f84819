// The embedding API's tier model (include/kvtier/tier_model.h), checked three ways:
// against a brute-force two-tier reference written here (ordered maps, no kvtier code),
// against a timeline worked by hand from the transfer formula of tiers/port.h, and
// against the cache-only replay that `kvtier run` uses, tier count by tier count.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

#include "core/config/config_loader.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "kvtier/tier_model.h"
#include "tests/support/cache_replay.h"
#include "tests/support/random_conversations.h"

using namespace kvtier;

namespace {
// What every system here serves, and on what.
const std::string kLlamaOnH100 = R"(
[model]
preset = "llama-3.1-8b"

[instance]
preset = "h100_sxm"
)";

// 1 MiB blocks (8 tokens of Llama-3.1-8B at 128 KiB a token), an HBM of 2 blocks over a
// DDR of 4 at 1 GB/s, so that a block holds the DDR's port for 1,048,576 ns.
const std::string kTwoTiers = R"([system]
tiers = ["hbm", "ddr"]
block_tokens = 8


[tiers.hbm]
preset = "hbm3_h100"
capacity = "2 blocks"
read_latency = "0ns"
write_latency = "0ns"

[tiers.ddr]
preset = "ddr5_host"
capacity = "4 blocks"
read_bandwidth = "1GB/s"
write_bandwidth = "1GB/s"
read_latency = "3us"
write_latency = "0ns"
channels = 1
efficiency = 1.0
links = ["pcie"]

[links.pcie]
bandwidth = "1000GB/s"
latency = "2us"

[workload]
preset = "chat"
)" + kLlamaOnH100;

TierModelOptions text(std::string config, std::vector<std::string> overrides = {}) {
  TierModelOptions o;
  o.config_text = std::move(config);
  o.overrides = std::move(overrides);
  return o;
}

// LRU by last-use stamp, in two ordered maps: obviously correct, slow.
class StampLru {
 public:
  explicit StampLru(std::size_t capacity) : capacity_(capacity) {}
  bool contains(BlockId id) const { return stamp_.count(id) != 0; }
  bool full() const { return stamp_.size() == capacity_; }
  void touch(BlockId id) {
    order_.erase(stamp_[id]);
    put(id);
  }
  void insert(BlockId id) { put(id); }
  BlockId evict() {
    const auto oldest = order_.begin();
    const BlockId id = oldest->second;
    stamp_.erase(id);
    order_.erase(oldest);
    return id;
  }

 private:
  void put(BlockId id) {
    stamp_[id] = ++clock_;
    order_[clock_] = id;
  }
  std::size_t capacity_;
  std::uint64_t clock_ = 0;
  std::map<BlockId, std::uint64_t> stamp_;
  std::map<std::uint64_t, BlockId> order_;
};

// Two LRU tiers, written back: a lower hit inside the prefix is touched there and copied
// up; anything else is computed into the top; the top's victim goes down unless the lower
// tier holds it already (which is then not touched); the lower tier's victim is dropped.
class ReferenceTwoTiers {
 public:
  ReferenceTwoTiers(std::size_t top, std::size_t bottom) : top_(top), bottom_(bottom) {}
  // With `computed_now` false, what is recomputed waits for insert().
  std::vector<int> use(const std::vector<BlockId>& blocks, bool computed_now = true) {
    std::vector<int> levels;
    bool in_prefix = true;
    for (const BlockId id : blocks) {
      if (top_.contains(id)) {
        top_.touch(id);
        levels.push_back(0);
        continue;
      }
      const bool loaded = bottom_.contains(id) && in_prefix;
      if (bottom_.contains(id)) {
        levels.push_back(1);
        if (in_prefix) bottom_.touch(id);
      } else {
        levels.push_back(-1);
        in_prefix = false;
      }
      if (loaded || computed_now) put_on_top(id);
    }
    return levels;
  }
  std::uint64_t insert(const std::vector<BlockId>& blocks) {
    std::uint64_t put = 0;
    for (const BlockId id : blocks) {
      if (top_.contains(id)) continue;
      put_on_top(id);
      ++put;
    }
    return put;
  }

 private:
  void put_on_top(BlockId id) {
    if (top_.full()) demote(top_.evict());
    top_.insert(id);
  }
  void demote(BlockId id) {
    if (bottom_.contains(id)) return;
    if (bottom_.full()) bottom_.evict();
    bottom_.insert(id);
  }
  StampLru top_;
  StampLru bottom_;
};

std::string cache_only_three_tiers() {
  return R"([system]
tiers = ["hbm", "ddr", "ssd"]
timing = "off"


[tiers.hbm]
preset = "hbm3_h100"
capacity = "40 blocks"
eviction = "s3fifo"

[tiers.ddr]
preset = "ddr5_host"
capacity = "120 blocks"
links = ["pcie"]
eviction = "arc"

[tiers.ssd]
preset = "qlc_essd_gen4"
capacity = "400 blocks"
links = ["pcie"]
admission = "frequency"

[links.pcie]
preset = "pcie_gen5_x16"

[workload]
preset = "chat"
)" + kLlamaOnH100;
}

// The model's counts and a cache-only replay's (the CLI's path), tier by tier.
void check_same_as_replay(const std::string& config, const std::vector<Request>& requests) {
  TierModel model(text(config));
  for (const Request& r : requests) model.use(0, r.blocks, r.arrival_ns);
  Hierarchy replayed(hierarchy_config(build_system_spec(load_config_text(config, "same.toml"))));
  test::replay(replayed, requests);
  REQUIRE(model.levels() == replayed.levels());
  for (std::size_t level = 0; level < model.levels(); ++level) {
    CAPTURE(level);
    const TierCounters c = model.counters(level);
    const TierStats& s = replayed.stats(level);
    CHECK(c.hit_blocks == s.hit_blocks);
    CHECK(c.inserted_blocks == s.inserted_blocks);
    CHECK(c.evicted_blocks == s.evicted_blocks);
    CHECK(c.demoted_blocks == s.demoted_blocks);
    CHECK(c.dropped_blocks == s.dropped_blocks);
    CHECK(c.refused_blocks == s.refused_blocks);
    CHECK(c.promoted_blocks == s.promoted_blocks);
    CHECK(c.read_bytes == s.read_bytes);
    CHECK(c.written_bytes == s.written_bytes);
  }
}

std::optional<Error> failure_of(const TierModelOptions& options) {
  try {
    TierModel model(options);
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}
}  // namespace

TEST_SUITE("embed") {
  TEST_CASE("a use finds each block where a brute-force two-tier LRU says, on random conversations") {
    TierModel model(text(kTwoTiers, {"tiers.hbm.capacity=30 blocks", "tiers.ddr.capacity=90 blocks",
                                     "system.timing=off"}));
    ReferenceTwoTiers reference(30, 90);
    std::uint64_t checked = 0;
    for (const Request& r : test::random_conversations(7, 3000, 80, 0.9, 12)) {
      const RequestUse use = model.use(0, r.blocks, r.arrival_ns);
      const std::vector<int> expected = reference.use(r.blocks);
      REQUIRE(use.found_level == expected);
      std::uint64_t prefix = 0;
      while (prefix < expected.size() && expected[prefix] >= 0) ++prefix;
      REQUIRE(use.prefix_hit_blocks == prefix);
      checked += r.blocks.size();
    }
    CHECK(checked > 10'000);
    CHECK(model.counters(1).hit_blocks > 0);  // the lower tier served some: the test has teeth
  }

  TEST_CASE("prefills that end later: uses that leave their computing to insert(), as the reference does") {
    TierModel model(text(kTwoTiers, {"tiers.hbm.capacity=30 blocks", "tiers.ddr.capacity=90 blocks",
                                     "system.timing=off"}));
    ReferenceTwoTiers reference(30, 90);
    const std::vector<Request> requests = test::random_conversations(11, 3000, 80, 0.9, 12);
    std::uint64_t inserted = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const Request& r = requests[i];
      REQUIRE(model.use(0, r.blocks, r.arrival_ns, false).found_level == reference.use(r.blocks, false));
      // The request before this one finishes its prefill now: its blocks land in the top.
      if (i > 0) {
        const std::uint64_t put = model.insert(0, requests[i - 1].blocks, r.arrival_ns);
        REQUIRE(put == reference.insert(requests[i - 1].blocks));
        inserted += put;
      }
    }
    CHECK(inserted > 1'000);
    CHECK(model.counters(1).hit_blocks > 0);
  }

  TEST_CASE("a timeline worked by hand: a load waits for the demotion ahead of it on the DDR port") {
    TierModel model(text(kTwoTiers));
    REQUIRE(model.block_bytes() == 1'048'576);
    REQUIRE(model.timed());
    // t = 0: three misses; the third evicts block 1, demoted over PCIe into the DDR.
    const RequestUse first = model.use(0, std::vector<std::uint64_t>{1, 2, 3}, 0);
    CHECK(first.found_level == std::vector<int>{-1, -1, -1});
    CHECK(first.prefix_hit_blocks == 0);
    CHECK(first.prefix_ready_ns == 0);
    // t = 10 ms: block 1 is in the DDR (landed at 1,050,576 ns). Making room for it in the
    // HBM demotes block 2 first, which holds the DDR's port for [10 ms, 10 ms + 1,048,576).
    // The load then starts at 11,048,576 and takes bytes / slowest leg (1,048,576 ns at
    // 1 GB/s) plus the latencies on its path (DDR read 3 us, PCIe 2 us).
    const RequestUse second = model.use(0, std::vector<std::uint64_t>{1}, 10'000'000);
    CHECK(second.found_level == std::vector<int>{1});
    CHECK(second.prefix_hit_blocks == 1);
    CHECK(second.prefix_ready_ns == 11'048'576 + 1'048'576 + 3'000 + 2'000);
    // Before the load lands, a hit in the HBM is usable only when it has.
    const RequestUse third = model.use(0, std::vector<std::uint64_t>{1}, 12'000'000);
    CHECK(third.found_level == std::vector<int>{0});
    CHECK(third.prefix_ready_ns == 12'102'152);
    // And after, at once.
    CHECK(model.use(0, std::vector<std::uint64_t>{1}, 13'000'000).prefix_ready_ns == 13'000'000);

    const TierCounters hbm = model.counters(0);
    CHECK(hbm.hit_blocks == 2);
    CHECK(hbm.inserted_blocks == 4);  // 1, 2, 3, then 1 loaded back
    CHECK(hbm.evicted_blocks == 2);
    CHECK(hbm.demoted_blocks == 2);
    CHECK(hbm.read_bytes == 2 * 1'048'576);  // the two demotions
    CHECK(hbm.used_blocks == 2);
    const TierCounters ddr = model.counters(1);
    CHECK(ddr.hit_blocks == 1);
    CHECK(ddr.inserted_blocks == 2);
    CHECK(ddr.promoted_blocks == 1);
    CHECK(ddr.read_bytes == 1'048'576);
    CHECK(ddr.written_bytes == 2 * 1'048'576);
    CHECK(model.find(0, 2) == 1);
    CHECK(model.find(0, 3) == 0);
    CHECK(model.find(0, 99) == -1);
  }

  TEST_CASE("a timeline worked by hand: the caller's transfers queue with the model's own moves") {
    TierModel model(text(kTwoTiers));
    constexpr std::uint64_t kMiB = 1'048'576;
    // DDR to HBM, unloaded: bytes / slowest leg (the DDR's 1 GB/s: 1,048,576 ns) plus the
    // latencies on the path (DDR read 3 us, PCIe 2 us, HBM write 0).
    CHECK(model.transfer(0, 1, 0, kMiB, 0) == 1'048'576 + 5'000);
    // A second one waits for the DDR's one server.
    CHECK(model.transfer(0, 1, 0, kMiB, 0) == 2 * 1'048'576 + 5'000);
    // Down, HBM to DDR: the DDR's port serves writes too (DDR write 0, PCIe 2 us, HBM read 0).
    CHECK(model.transfer(0, 0, 1, kMiB, 0) == 3 * 1'048'576 + 2'000);
    // The model's own demotion of block 1 (the third miss evicts it) queues behind them:
    // it lands at 4,194,304 + 2,000. At 4 ms, block 1 is loaded back from the DDR, after
    // the demotion of block 2 that makes room for it (DDR port [4,194,304, 5,242,880)).
    model.use(0, std::vector<std::uint64_t>{1, 2, 3}, 0);
    const RequestUse back = model.use(0, std::vector<std::uint64_t>{1}, 4'000'000);
    CHECK(back.found_level == std::vector<int>{1});
    CHECK(back.prefix_ready_ns == 5'242'880 + 1'048'576 + 5'000);
    // No bytes: nothing reserved, now.
    CHECK(model.transfer(0, 1, 0, 0, 4'000'000) == 4'000'000);
    const TierCounters ddr = model.counters(1);
    CHECK(ddr.read_bytes == 3 * kMiB);     // two transfers up, one load
    CHECK(ddr.written_bytes == 3 * kMiB);  // one transfer down, two demotions
    CHECK(ddr.inserted_blocks == 2);       // the caller's bytes are no blocks
    CHECK(model.counters(0).read_bytes == 3 * kMiB);
    // Latency, from when the data could leave to when it landed: the DDR's reads are the
    // two transfers up (1,053,576 and 2,102,152 ns) and the load of block 1, which could
    // leave once block 1 had landed there (4,196,304) and landed at 6,296,456; its writes
    // the transfer down (3,147,728) and the demotions of block 1 (from 0 to 4,196,304)
    // and of block 2 (from 4 ms to 5,244,880).
    CHECK(ddr.read_transfers == 3);
    CHECK(ddr.read_latency_mean_ns == doctest::Approx((1'053'576.0 + 2'102'152 + 2'100'152) / 3));
    CHECK(ddr.write_transfers == 3);
    CHECK(ddr.write_latency_mean_ns == doctest::Approx((3'147'728.0 + 4'196'304 + 1'244'880) / 3));
    CHECK(model.counters(0).write_transfers == 3);  // what the DDR read, the HBM wrote
  }

  TEST_CASE("a transfer with timing off takes no time and is counted") {
    TierModel model(text(kTwoTiers, {"system.timing=off"}));
    CHECK(model.transfer(0, 1, 0, 5'000, 7'000) == 7'000);
    CHECK(model.counters(1).read_bytes == 5'000);
    CHECK(model.counters(0).written_bytes == 5'000);
  }

  TEST_CASE("bad transfer: the same tier, out-of-range levels, too many bytes, past the clock's end, into NAND") {
    TierModel model(text(kTwoTiers));
    CHECK_THROWS_WITH_AS(model.transfer(0, 1, 1, 1, 0), "transfer from tier 1 to itself: the levels must differ",
                         Error);
    CHECK_THROWS_WITH_AS(model.transfer(0, 2, 0, 1, 0),
                         "from_level 2 is out of range: the system has 2 tiers (0 to 1)", Error);
    CHECK_THROWS_WITH_AS(model.transfer(0, 0, 5, 1, 0), "to_level 5 is out of range: the system has 2 tiers (0 to 1)",
                         Error);
    CHECK_THROWS_WITH_AS(model.transfer(1, 0, 1, 1, 0), "instance 1 is out of range: the system has 1 (0 to 0)", Error);
    CHECK_THROWS_WITH_AS(model.transfer(0, 1, 0, (std::uint64_t{1} << 50) + 1, 0),
                         "transfer of 1125899906842625 bytes: at most 1 PiB (1125899906842624 bytes) at once", Error);
    CHECK_THROWS_WITH_AS(model.transfer(0, 1, 0, 1, (SimTimeNs{1} << 62) + 1),
                         "transfer at 4611686018427387905 ns: past the model's horizon of 2^62 ns (about 146 years)",
                         Error);
    // A PiB at the DDR's 1 GB/s is 13 days; at 1 B/s it is longer than the clock counts.
    TierModel slow(text(kTwoTiers, {"tiers.ddr.read_bandwidth=1B/s"}));
    CHECK_THROWS_WITH_AS(slow.transfer(0, 1, 0, std::uint64_t{1} << 50, 0),
                         "transfer of 1125899906842624 bytes at 0 ns: it would end past the clock's end (2^63 - 1 ns)",
                         Error);
    CHECK(slow.counters(1).read_bytes == 0);  // nothing refused was counted
    CHECK(model.transfer(0, 1, 0, std::uint64_t{1} << 50, 0) == 1'125'899'906'842'624 + 5'000);
    model.use(0, std::vector<std::uint64_t>{1}, 10);
    CHECK_THROWS_WITH_AS(model.transfer(0, 1, 0, 1, 5), "transfer at 5 ns: the model's clock is at 10 ns and never goes back",
                         Error);
    TierModel nand(text(kTwoTiers, {"tiers.ddr.preset=micron_6600_ion", "tiers.ddr.capacity=64GiB"}));
    try {
      nand.transfer(0, 0, 1, 1, 0);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kUsage);
      CHECK(std::string(e.what()).find("transfer into tier 1 ('ddr'): it models its NAND") == 0);
    }
    CHECK(nand.transfer(0, 1, 0, 4'096, 0) > 0);  // reading its NAND is timed as a load is
  }

  TEST_CASE("a model counts what kvtier run's cache-only replay counts, tier by tier") {
    check_same_as_replay(cache_only_three_tiers(), test::random_conversations(3, 4000, 200, 0.8, 16));
  }

  TEST_CASE("a model counts what the cache-only replay counts with tiers written through and selectively") {
    std::string config = cache_only_three_tiers();
    const auto with_policy = [&config](const std::string& tier, const std::string& policy) {
      const std::string header = "[tiers." + tier + "]\n";
      const auto at = config.find(header);
      REQUIRE(at != std::string::npos);
      config.insert(at + header.size(), "write_policy = \"" + policy + "\"\n");
    };
    with_policy("ddr", "through");
    with_policy("ssd", "selective");
    check_same_as_replay(config, test::random_conversations(5, 4000, 200, 0.8, 16));
  }

  TEST_CASE("trace: a model counts what kvtier run's cache-only replay counts on the Mooncake trace") {
    check_same_as_replay(cache_only_three_tiers(), test::mooncake_requests());
  }

  TEST_CASE("bad use: out-of-range instance and level, a clock that goes back") {
    TierModel model(text(kTwoTiers));
    model.use(0, std::vector<std::uint64_t>{1}, 5'000);
    try {
      model.use(0, std::vector<std::uint64_t>{1}, 4'999);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kUsage);
      CHECK(std::string(e.what()) == "use at 4999 ns: the model's clock is at 5000 ns and never goes back");
    }
    CHECK_THROWS_WITH_AS(model.insert(0, std::vector<std::uint64_t>{1}, 4'000),
                         "insert at 4000 ns: the model's clock is at 5000 ns and never goes back", Error);
    CHECK_THROWS_WITH_AS(model.use(1, std::vector<std::uint64_t>{1}, 6'000),
                         "instance 1 is out of range: the system has 1 (0 to 0)", Error);
    CHECK_THROWS_WITH_AS(model.find(3, 1), "instance 3 is out of range: the system has 1 (0 to 0)", Error);
    CHECK_THROWS_WITH_AS(model.counters(2), "level 2 is out of range: the system has 2 tiers (0 to 1)", Error);
  }

  TEST_CASE("bad configuration: the CLI's errors, and belady refused for want of a future") {
    const auto bad_key = failure_of(text(kTwoTiers, {"tiers.hbm.colour=blue"}));
    REQUIRE(bad_key);
    CHECK(bad_key->code() == ExitCode::kConfig);
    CHECK(std::string(bad_key->what()).find("colour") != std::string::npos);
    const auto belady = failure_of(text(kTwoTiers, {"tiers.ddr.eviction=belady"}));
    REQUIRE(belady);
    CHECK(belady->code() == ExitCode::kConfig);
    CHECK(std::string(belady->what()).find("belady") == 0);
    TierModelOptions missing;
    missing.config = "no-such-system";
    const auto absent = failure_of(missing);
    REQUIRE(absent);
    CHECK(absent->code() != ExitCode::kOk);
  }

  TEST_CASE("the built-in default system opens with no configuration") {
    TierModel model(TierModelOptions{});
    CHECK(model.levels() == 3);
    CHECK(model.instances() == 8);
    CHECK(model.tier_name(0) == "hbm");
    const std::vector<std::uint64_t> blocks{11, 12, 13};
    CHECK(model.use(3, blocks, 0).prefix_hit_blocks == 0);
    CHECK(model.use(3, blocks, 1'000).prefix_hit_blocks == 3);
    CHECK(model.use(4, blocks, 2'000).prefix_hit_blocks == 0);  // another GPU's HBM
  }
}
