// The NAND side of a flash tier (medium = "flash", flash_model = "nand"): geometry,
// cell timing, endurance, the FTL's garbage collection and how the cache places blocks.
// Defaults are hardware.md §5.1's QLC figures; drive presets override them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "kvtier/sim_time.h"
#include "tiers/flash/ftl.h"

namespace kvtier {

// device: the host writes where it likes and the drive's GC cleans; log: the cache
// evicts whole erase-block regions in write order (CacheLib-style); fdp: placement
// handles keep blocks of different expected lifetime in different erase blocks.
enum class Placement { kDevice, kLog, kFdp };

struct NandSpec {
  double over_provisioning = 0.145;  // raw over logical
  std::uint64_t iu_bytes = 16 * 1024;
  std::uint64_t page_bytes = 16 * 1024;
  std::uint64_t erase_block_bytes = 48ULL << 20;
  std::int64_t planes = 4;
  std::int64_t pages_per_wordline = 4;  // pages one program operation writes per plane
  std::int64_t dies = 128;               // per device
  std::int64_t channels = 16;            // per device
  std::uint64_t channel_bytes_per_s = 0;
  SimTimeNs read_time_ns = 0;     // tR
  SimTimeNs program_time_ns = 0;  // tPROG of one program unit (planes x pages_per_wordline pages)
  SimTimeNs erase_time_ns = 0;    // tBERS
  std::int64_t pe_cycles = 1500;
  std::uint64_t slc_cache_bytes = 0;  // per device; 0: none (direct-write QLC)
  SimTimeNs slc_program_time_ns = 0;  // tPROG of one program unit in pSLC mode
  double rated_dwpd = 0;
  double rated_pbw = 0;  // petabytes written over the warranty (0: from the DWPD rating)
  double warranty_years = 5;
  Placement placement = Placement::kDevice;
  std::int64_t fdp_handles = 4;
  GcPolicy gc = GcPolicy::kGreedy;
  double gc_threshold = 0.001;
  SimTimeNs waf_interval_ns = 0;  // WAF over time is reported per interval of this length

  // The DWPD rating as petabytes over the warranty, for `logical_bytes` of capacity.
  double rated_pbw_for(double logical_bytes) const;
};

std::string_view placement_name(Placement placement);
std::string_view gc_policy_name(GcPolicy gc);

// The tier schema's NAND keys (each applies only with flash_model = "nand").
std::vector<ParamSpec> nand_params();
NandSpec parse_nand(const Section& section);

}  // namespace kvtier
