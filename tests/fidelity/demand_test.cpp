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
