// What a run did to the NAND of a flash_model = "nand" tier, summed over its copies:
// write amplification (overall and per interval), erases and P/E cycles, the DWPD the
// workload needs against the rating, the life it leaves (hardware.md §5.2(d)), and how
// busy its NAND arrays were.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kvtier/sim_time.h"
#include "tiers/hierarchy.h"

namespace kvtier {

struct WafSample {
  double start_s = 0;
  std::uint64_t host_bytes = 0;
  std::uint64_t nand_bytes = 0;
  double waf = 0;  // 0 when nothing was written
};

struct FlashSummary {
  std::string placement;
  std::string gc;
  double over_provisioning = 0;
  std::uint64_t logical_bytes = 0;
  std::uint64_t raw_bytes = 0;
  std::uint64_t host_written_bytes = 0;
  std::uint64_t nand_written_bytes = 0;
  std::uint64_t relocated_bytes = 0;
  double waf = 0;
  std::uint64_t erases = 0;
  double pe_mean = 0;
  std::uint64_t pe_max = 0;
  std::int64_t pe_rated = 0;
  double host_bytes_per_day = 0;
  double nand_bytes_per_day = 0;
  double dwpd_required = 0;
  double dwpd_rated = 0;
  double pbw_rated = 0;  // per copy
  double life_years = 0;        // until the P/E rating, at this run's NAND write rate (0: no writes)
  double rated_life_years = 0;  // until the DWPD rating is used up, at this host write rate
  // With timing on (0 otherwise): the share of the run each copy's NAND array was busy,
  // the share of it spent collecting garbage, and the host bytes the SLC cache took.
  double nand_busy_fraction = 0;
  double gc_busy_fraction = 0;
  std::uint64_t slc_written_bytes = 0;
  std::vector<WafSample> waf_over_time;
};

// Contract: the level is a flash_model = "nand" tier; duration_ns is the simulated span.
FlashSummary summarize_flash(const Hierarchy& hierarchy, std::size_t level, SimTimeNs duration_ns);

}  // namespace kvtier
