// compare --require: requirements parsed from their text, and judged on summaries made
// by hand, at and either side of the limit.
#include <doctest/doctest.h>

#include "core/report/requirement.h"
#include "kvtier/error.h"

using namespace kvtier;

TEST_SUITE("report") {
  TEST_CASE("requirements parse ratios, percentages, times and amounts") {
    const Requirement a = parse_requirement("prefix_hit>=60%");
    CHECK(a.metric == "prefix_hit");
    CHECK_FALSE(a.at_most);
    CHECK(a.limit == doctest::Approx(0.6));
    const Requirement b = parse_requirement("ttft_p99<=1.5ms");
    CHECK(b.at_most);
    CHECK(b.limit == 1'500'000);
    CHECK(parse_requirement("cost_usd<=250000").limit == 250000);
    CHECK(parse_requirement("block_hit>=0.25").limit == 0.25);
    for (const char* bad : {"prefix_hit", "prefix_hit=0.5", "prefix_hit<0.5", "prefix_hit>=", "prefix_hit>=x",
                            "prefix_hit>=101%", "hit>=0.5", "ttft_p99<=fast", "cost_usd<=-1", "<=1"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_requirement(bad), Error);
    }
  }

  TEST_CASE("a summary meets a requirement at its limit and falls short past it") {
    Summary s;
    s.prefix_block_weighted = 0.6;
    CHECK_FALSE(shortfall(parse_requirement("prefix_hit>=0.6"), s).has_value());
    CHECK(shortfall(parse_requirement("prefix_hit>=0.61"), s) == "prefix_hit 60.00% < 61.00%");
    CHECK(shortfall(parse_requirement("ttft_p99<=1s"), s) == "ttft_p99: not measured (timing off)");
    s.ttft = LatencySummary{100e6, 90'000'000, 150'000'000, 200'000'000, 250'000'000, 300'000'000};
    CHECK_FALSE(shortfall(parse_requirement("ttft_p99<=200ms"), s).has_value());
    CHECK(shortfall(parse_requirement("ttft_p99<=199ms"), s).has_value());
    CHECK_FALSE(shortfall(parse_requirement("ttft_mean<=100ms"), s).has_value());
    s.cost_usd = 1000;
    CHECK(shortfall(parse_requirement("cost_usd<=999"), s) == "cost_usd $1000 > $999");
  }

  TEST_CASE("a tier's transfer latency: parsed with its tier, met or short per direction and statistic") {
    const Requirement r = parse_requirement("qlc.write_p99<=1s");
    CHECK(r.tier == "qlc");
    CHECK(r.metric == "write_p99");
    CHECK(r.limit == 1e9);
    for (const char* bad : {".write_p99<=1s", "qlc.write_p98<=1s", "qlc.prefix_hit>=0.5", "qlc.read_mean<=fast"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_requirement(bad), Error);
    }
    Summary s;
    TierSummary qlc;
    qlc.name = "qlc";
    qlc.write_latency = LatencySummary{400e6, 300'000'000, 800'000'000, 1'200'000'000, 1'500'000'000, 1'600'000'000};
    s.tiers.push_back(qlc);
    CHECK(shortfall(r, s) == "qlc.write_p99 1.20 s > 1.00 s");
    CHECK_FALSE(shortfall(parse_requirement("qlc.write_p90<=800ms"), s).has_value());
    CHECK_FALSE(shortfall(parse_requirement("qlc.write_mean<=400ms"), s).has_value());
    CHECK(shortfall(parse_requirement("qlc.write_p999<=1.4s"), s).has_value());
    CHECK(shortfall(parse_requirement("qlc.read_p99<=1s"), s) ==
          "qlc.read_p99: not measured (no such transfer, or timing off)");
    CHECK(shortfall(parse_requirement("ddr.read_p99<=1s"), s) == "ddr.read_p99: the system has no tier 'ddr'");
  }
}
