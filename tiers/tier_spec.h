// A memory or storage tier as configured: capacity, timing, energy, cost and its place
// in the hierarchy. A flash tier is a bandwidth/latency tier unless flash_model = "nand",
// which adds its NAND (tiers/flash/nand_spec.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "core/units/units.h"
#include "kvtier/sim_time.h"
#include "tiers/admission/admission_params.h"
#include "tiers/eviction/eviction_params.h"
#include "tiers/flash/nand_spec.h"
#include "tiers/scope.h"

namespace kvtier {

struct TierSpec {
  std::string name;    // the section name: "hbm" for [tiers.hbm]
  std::string medium;  // hbm, lpddr, ddr, cxl, flash (reported, not interpreted)
  units::Size capacity;   // per device
  std::int64_t count = 1;  // devices per copy of the tier; capacity and bandwidth scale with it
  std::uint64_t read_bytes_per_s = 0;   // peak, per device
  std::uint64_t write_bytes_per_s = 0;  // peak, per device
  SimTimeNs read_latency_ns = 0;
  SimTimeNs write_latency_ns = 0;
  std::int64_t channels = 1;  // transfers served at once, each at bandwidth / channels
  double efficiency = 1.0;    // achieved / peak bandwidth
  double read_pj_per_bit = 0;
  double write_pj_per_bit = 0;
  double cost_usd_per_gb = 0;
  Scope scope = Scope::kInstance;
  // The [links.<name>] a transfer from this tier to the first tier crosses, in order.
  std::vector<std::string> links;
  std::string eviction;  // eviction policy name
  EvictionParams eviction_params;
  double high_watermark = 1.0;  // when an insert would pass this share of capacity ...
  double low_watermark = 1.0;   // ... evict down to this share (Mooncake's SSD tier: 0.9 / 0.8)
  SimTimeNs lease_ns = 0;       // an accessed block cannot be evicted for this long (0: no leases)
  std::string write_policy = "back";  // when blocks are written here: back | through | selective
  std::int64_t write_through_hits = 2;  // selective: hits above that write a block here
  std::string inclusion = "none";       // relation to the tiers above: none | exclusive | inclusive
  std::string admission;        // which offered blocks the tier takes
  AdmissionParams admission_params;
  bool nand_model = false;  // medium = "flash" with flash_model = "nand"
  NandSpec nand;            // only with nand_model
};

const ComponentSchema& tier_schema();
TierSpec parse_tier(const Section& section);

}  // namespace kvtier
