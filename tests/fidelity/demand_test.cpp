// `kvtier demand` against hardware.md §5.2(d) worked by hand: a run's summary read back
// into per-GPU rates, and a two-year fleet whose drive counts, wear replacements, NAND
// and cost are computed here line by line.
#include <doctest/doctest.h>

#include <fstream>

#include "core/fleet/demand.h"
#include "core/fleet/demand_input.h"
#include "kvtier/error.h"
#include "tests/support/paths.h"

using namespace kvtier;

TEST_SUITE("fidelity") {
  TEST_CASE("demand: a run's summary becomes per-GPU rates") {
    // 10 GPUs for 2 simulated days; the flash tier took 20 TB from the host, wrote 30 TB
    // of NAND, holds 100 TB and served 1,728 TB of reads (10 GB/s).
    const auto dir = test::scratch_dir("demand_summary");
    std::ofstream(dir / "summary.json") << R"({"complete": true,
      "system": {"instances": 2, "accelerators_per_instance": 5, "kv_dtype": "bf16"},
      "tiers": [
        {"name": "hbm", "medium": "hbm", "eviction": "lru", "admission": "all", "capacity_bytes": 1e12,
         "read_bytes": 5e15, "written_bytes": 9e15},
        {"name": "qlc", "medium": "flash", "eviction": "lru", "admission": "frequency", "capacity_bytes": 100e12,
         "read_bytes": 1728e12, "written_bytes": 20e12,
         "flash": {"placement": "device", "host_written_bytes": 20e12, "nand_written_bytes": 30e12}}],
      "run": {"sim_duration_ns": 172800000000000}})";
    const std::vector<RunWrites> runs = read_run_writes(dir.string());
    REQUIRE(runs.size() == 1);
    const RunWrites& r = runs[0];
    CHECK(r.kv_dtype == "bf16");
    CHECK(r.host_bytes_per_gpu_day == doctest::Approx(1e12));
    CHECK(r.waf == doctest::Approx(1.5));
    CHECK(r.waf_modelled);
    CHECK(r.capacity_bytes_per_gpu == doctest::Approx(10e12));
    CHECK(r.read_bytes_per_gpu_s == doctest::Approx(1e9));
    CHECK(r.label == "demand_summary qlc(lru, frequency, placement device)");
  }

  TEST_CASE("demand: a summary that cannot be used says where") {
    const auto dir = test::scratch_dir("demand_bad");
    std::ofstream(dir / "summary.json") << R"({"complete": true, "system": {"instances": 1,
      "accelerators_per_instance": 1, "kv_dtype": "bf16"}, "tiers": [], "run": {"sim_duration_ns": 5}})";
    const std::string file = (dir / "summary.json").string();
    CHECK_THROWS_WITH(read_run_writes(dir.string()), (file + ": tiers: no flash tier").c_str());
    std::ofstream(dir / "summary.json") << R"({"complete": false})";
    CHECK_THROWS_WITH(read_run_writes(dir.string()),
                      (file + ": complete: the run did not finish; its rates would be wrong").c_str());
    CHECK_THROWS_AS(read_run_writes((dir / "absent").string()), Error);
  }

  TEST_CASE("demand: figures no run could have written are refused, naming the field") {
    const auto summary = [](const std::string& system, const std::string& tiers) {
      return R"({"complete": true, "system": {)" + system + R"(}, "run": {"sim_duration_ns": 1000}, "tiers": )" +
             tiers + "}";
    };
    const std::string gpu = R"("instances": 1, "accelerators_per_instance": 1, "kv_dtype": "bf16")";
    const auto flash = [](const std::string& capacity) {
      return R"([{"name": "q", "medium": "flash", "eviction": "lru", "admission": "all", "capacity_bytes": )" +
             capacity + R"(, "read_bytes": 0, "written_bytes": 1}])";
    };
    const auto refused = [](const std::string& text) {
      try {
        parse_run_writes(text, "s.json", "x");
      } catch (const Error& e) {
        CHECK(e.code() == ExitCode::kDataErr);
        return std::string(e.what());
      }
      return std::string("accepted");
    };
    CHECK(refused(summary(gpu, "5")) == "s.json: tiers: not a list of tiers");
    CHECK(refused(summary(gpu, R"({"a": 1})")) == "s.json: tiers: not a list of tiers");
    CHECK(refused(summary(gpu, flash("1e300"))) == "s.json: tiers[0].capacity_bytes: '1e+300' is not a whole number from 0 to 2^64");
    CHECK(refused(summary(gpu, flash("-1"))) == "s.json: tiers[0].capacity_bytes: '-1' is not a whole number from 0 to 2^64");
    CHECK(refused(summary(gpu, flash("0.5"))) == "s.json: tiers[0].capacity_bytes: '0.5' is not a whole number from 0 to 2^64");
    CHECK(refused(summary(R"("instances": 0, "accelerators_per_instance": 1, "kv_dtype": "bf16")", flash("1"))) ==
          "s.json: system.instances: the run had no accelerator");
    CHECK(refused(summary(R"("instances": 1, "accelerators_per_instance": 1, "kv_dtype": "int4")", flash("1"))) ==
          "s.json: system.kv_dtype: 'int4' is not bf16 or fp8");
    // 2^64 itself is the largest a summary's 64-bit counts reach, and is read.
    CHECK(parse_run_writes(summary(gpu, flash("18446744073709551615")), "s.json", "x").capacity_bytes_per_gpu ==
          doctest::Approx(18446744073709551616.0));
  }

  TEST_CASE("demand: a fleet beyond 2^53 drives is refused, naming the year") {
    RunWrites run;
    run.kv_dtype = "bf16";
    run.capacity_bytes_per_gpu = 1e12;
    FleetSpec fleet;
    fleet.gpus = 1e9;
    fleet.years = 10;
    fleet.growth = 100;  // x101 a year: 1e9 GPUs x 1e12 B / 100 TB is 1e7 drives; 1e7 x 101^5 passes 2^53
    fleet.drive = DriveSpec{"d", 100e12, 114.5e12, 10e9, 0.05, 1000, 0.2};
    CHECK_THROWS_WITH_AS(compute_demand(run, fleet),
                         "year 6: the fleet would need more than 2^53 drives: --gpus, --growth or --years is too large "
                         "for the runs' rates",
                         Error);
    fleet.years = 4;  // 1e7 x 101^3 = 1.03e13 drives: counted
    CHECK(compute_demand(run, fleet).years.back().drives_for_capacity == 10303010000000);
  }

  TEST_CASE("demand: hardware.md 5.2(d) by hand, two years, wear setting the count") {
    RunWrites run;
    run.label = "hand";
    run.kv_dtype = "bf16";
    run.host_bytes_per_gpu_day = 1e12;
    run.waf = 2.0;
    run.waf_modelled = true;
    run.capacity_bytes_per_gpu = 10e12;
    run.read_bytes_per_gpu_s = 0.4e9;
    FleetSpec fleet;
    fleet.gpus = 1000;
    fleet.years = 2;
    fleet.growth = 1.0;  // doubles
    fleet.kv_dtype = "fp8";  // half the run's bytes
    fleet.drive = DriveSpec{"d", 100e12, 114.5e12, 10e9, 0.05, 1000, 0.2};
    const Demand d = compute_demand(run, fleet);
    CHECK(d.scale == 0.5);
    CHECK(d.host_bytes_per_gpu_day == 0.5e12);
    CHECK(d.nand_bytes_per_gpu_day == 1e12);
    REQUIRE(d.years.size() == 2);
    // Year 1, 1,000 GPUs: capacity 5 TB x 1000 / 100 TB = 50; endurance 0.5 TB x 1000 /
    // (0.05 x 100 TB) = 100; bandwidth 0.2 GB/s x 1000 / 10 GB/s = 20.
    const DemandYear& y1 = d.years[0];
    CHECK(y1.drives_for_capacity == 50);
    CHECK(y1.drives_for_endurance == 100);
    CHECK(y1.drives_for_bandwidth == 20);
    CHECK(y1.drives == 100);
    CHECK(y1.limit == DriveLimit::kEndurance);
    CHECK(y1.new_drives == 100);
    // Worn out: 1 TB x 1000 x 365 of NAND / (1000 P/E x 114.5 TB raw).
    const double worn1 = 365e15 / (1000 * 114.5e12);
    CHECK(y1.replacement_drives == doctest::Approx(worn1).epsilon(1e-12));
    CHECK(y1.nand_bytes == doctest::Approx((100 + worn1) * 114.5e12).epsilon(1e-12));
    CHECK(y1.cost_usd == doctest::Approx((100 + worn1) * 100e3 * 0.2).epsilon(1e-12));
    // Year 2, 2,000 GPUs: 100, 200 and 40 drives; 100 more bought.
    const DemandYear& y2 = d.years[1];
    CHECK(y2.gpus == 2000);
    CHECK(y2.drives_for_capacity == 100);
    CHECK(y2.drives_for_endurance == 200);
    CHECK(y2.drives_for_bandwidth == 40);
    CHECK(y2.new_drives == 100);
    CHECK(y2.replacement_drives == doctest::Approx(2 * worn1).epsilon(1e-12));
    CHECK(d.nand_bytes_total == doctest::Approx((200 + 3 * worn1) * 114.5e12).epsilon(1e-12));
    CHECK(d.dwpd_required == doctest::Approx(0.05));
  }
}
