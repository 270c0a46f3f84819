// The NAND a fleet consumes, from what one run wrote to its flash tiers: hardware.md
// §5.2(d) applied year by year to a growing fleet.
//
//   host bytes/day per GPU  = the run's flash host writes / its duration / its GPUs,
//                             scaled to the fleet's KV bytes (dtype, compression)
//   NAND bytes/day          = host bytes/day x WAF
//   drives                  = ceil(max(capacity need / user capacity,
//                                      host bytes/day / (rated DWPD x user capacity),
//                                      read bandwidth need / drive read bandwidth))
//   wear replacements/year  = NAND bytes/year / (P/E rating x raw capacity)
//   NAND bought/year        = (new drives + wear replacements) x raw capacity
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kvtier {

// What a run's flash tiers did, per GPU of the run.
struct RunWrites {
  std::string label;
  std::string kv_dtype;            // the run's: "bf16" or "fp8"
  double host_bytes_per_gpu_day = 0;
  double waf = 1;                  // NAND over host bytes, over all its flash tiers
  bool waf_modelled = false;       // false: no tier had its NAND modelled; WAF 1 assumed
  double capacity_bytes_per_gpu = 0;
  double read_bytes_per_gpu_s = 0;
};

struct DriveSpec {
  std::string name;
  double user_bytes = 0;
  double raw_bytes = 0;
  double read_bytes_per_s = 0;
  double rated_dwpd = 0;
  double pe_cycles = 0;
  double usd_per_gb = 0;
};

struct FleetSpec {
  double gpus = 0;          // in the first year
  int years = 5;
  double growth = 0;        // the fleet grows by this share each year
  std::string kv_dtype;     // empty: the run's
  double compression = 1;   // KV bytes shrink by this factor
  double capacity_bytes_per_gpu = 0;  // 0: the run's
  DriveSpec drive;
};

enum class DriveLimit { kCapacity, kEndurance, kBandwidth };

struct DemandYear {
  int year = 0;
  double gpus = 0;
  std::uint64_t drives_for_capacity = 0;
  std::uint64_t drives_for_endurance = 0;
  std::uint64_t drives_for_bandwidth = 0;
  std::uint64_t drives = 0;
  DriveLimit limit = DriveLimit::kCapacity;
  std::uint64_t new_drives = 0;
  double replacement_drives = 0;  // worn out this year
  double nand_bytes = 0;          // raw NAND bought: new and replacement drives
  double cost_usd = 0;
};

struct Demand {
  std::string label;
  double scale = 1;  // fleet KV bytes per run KV byte
  double host_bytes_per_gpu_day = 0;
  double nand_bytes_per_gpu_day = 0;
  double waf = 1;
  bool waf_modelled = false;
  double dwpd_required = 0;  // per drive, at the first year's count
  std::vector<DemandYear> years;
  double nand_bytes_total = 0;
  double cost_usd_total = 0;
};

std::string_view drive_limit_name(DriveLimit limit);
// Contract: fleet.gpus > 0, fleet.years >= 1, the drive's capacities, bandwidth, DWPD
// and P/E rating > 0. Throws Error(kUsage) when a year would need more than 2^53 drives.
Demand compute_demand(const RunWrites& run, const FleetSpec& fleet);

}  // namespace kvtier
