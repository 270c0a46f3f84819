#include "tiers/flash/nand_spec.h"

#include <fmt/format.h>

namespace kvtier {

namespace {
constexpr std::string_view kNand = "flash_model=nand";

std::uint64_t bytes_of(const Section& s, std::string_view key) {
  const units::Size size = s.get_size(key);
  if (size.in_blocks) s.fail(key, "must be in bytes, not blocks");
  return size.value;
}
}  // namespace

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::kLog: return "log";
    case Placement::kFdp: return "fdp";
    case Placement::kDevice: break;
  }
  return "device";
}

std::string_view gc_policy_name(GcPolicy gc) {
  switch (gc) {
    case GcPolicy::kFifo: return "fifo";
    case GcPolicy::kCostBenefit: return "cost_benefit";
    case GcPolicy::kGreedy: break;
  }
  return "greedy";
}

double NandSpec::rated_pbw_for(double logical_bytes) const {
  if (rated_pbw > 0) return rated_pbw;
  return rated_dwpd * logical_bytes * 365.0 * warranty_years / 1e15;
}

std::vector<ParamSpec> nand_params() {
  const double big = 1e300;
  return {
      {"flash_model", ParamType::kEnum, "", "\"bandwidth\"",
       "bandwidth: a bandwidth/latency tier; nand: adds an FTL with garbage collection, write amplification and "
       "wear, and times the NAND array (dies, channels, tR, tPROG, tBERS, SLC cache; GC takes array time) beside "
       "the host interface that the tier's bandwidths time",
       "", {"bandwidth", "nand"}, -big, big, "medium=flash"},
      {"over_provisioning", ParamType::kFloat, "", "0.145", "raw NAND over logical capacity (raw = logical x (1 + OP))",
       "hardware.md §5.1: 140.7 TB raw for 122.88 TB", {}, 0.0, 10.0, kNand},
      {"iu", ParamType::kSize, "bytes", "\"16KiB\"", "indirection unit: writes smaller than it pay read-modify-write",
       "hardware.md §5.1: 16 KiB on >= 30 TB QLC", {}, -big, big, kNand},
      {"page", ParamType::kSize, "bytes", "\"16KiB\"", "NAND page (user data)", "hardware.md §5.1", {}, -big, big,
       kNand},
      {"erase_block", ParamType::kSize, "bytes", "\"48MiB\"", "erase block (or superblock): the unit GC reclaims",
       "hardware.md §5.1: 3,072 pages x 16 KiB", {}, -big, big, kNand},
      {"planes", ParamType::kInt, "", "4", "planes per die, programmed and read together", "hardware.md §5.1", {}, 1,
       64, kNand},
      {"pages_per_wordline", ParamType::kInt, "", "4", "pages one program operation writes per plane (QLC: 4)",
       "hardware.md §5.1", {}, 1, 8, kNand},
      {"dies", ParamType::kInt, "", "86",
       "dies working in parallel per device (power-limited): dies x program unit / tPROG is the sustained NAND "
       "write rate", "fitted: D5-P5336 3.2 GB/s at 7 ms per 256 KiB", {}, 1, 1e6, kNand},
      {"nand_channels", ParamType::kInt, "", "16", "NAND channels per device", "common enterprise controllers", {}, 1,
       1024, kNand},
      {"nand_channel_bandwidth", ParamType::kBandwidth, "bytes/s", "\"2.4GB/s\"", "transfer rate of one channel",
       "hardware.md §5.1: 2.4-3.6 Gb/s per pin, x8", {}, -big, big, kNand},
      {"read_time", ParamType::kTime, "ns", "\"120us\"", "tR: a page read (all planes at once)",
       "hardware.md §5.1 (QLC)", {}, -big, big, kNand},
      {"program_time", ParamType::kTime, "ns", "\"7ms\"", "tPROG of one program unit (planes x pages_per_wordline)",
       "hardware.md §5.1: 6-8 ms (QLC)", {}, -big, big, kNand},
      {"erase_time", ParamType::kTime, "ns", "\"15ms\"", "tBERS: erasing one erase block", "hardware.md §5.1", {},
       -big, big, kNand},
      {"pe_cycles", ParamType::kInt, "", "1500", "program/erase cycles a block endures", "hardware.md §5.1 (QLC)", {},
       1, 1e7, kNand},
      {"slc_cache", ParamType::kSize, "bytes", "\"0B\"",
       "pSLC write cache per device, drained to the main NAND when idle (0: direct write)",
       "hardware.md §5.1: enterprise QLC has a small one or none", {}, -big, big, kNand},
      {"slc_program_time", ParamType::kTime, "ns", "\"300us\"", "tPROG of one program unit in pSLC mode",
       "hardware.md §5.1", {}, -big, big, kNand},
      {"rated_dwpd", ParamType::kFloat, "", "0.58", "rated drive writes per day over the warranty",
       "D5-P5336 (hardware.md §4.1)", {}, 0, 1e6, kNand},
      {"rated_pbw", ParamType::kFloat, "PB", "0.0", "rated petabytes written (0: from rated_dwpd)", "", {}, 0, 1e9,
       kNand},
      {"warranty_years", ParamType::kFloat, "years", "5.0", "the period the ratings cover", "enterprise SSDs: 5", {},
       0.01, 100, kNand},
      {"placement", ParamType::kEnum, "", "\"device\"",
       "device: the drive's GC cleans what eviction leaves; log: the cache evicts whole erase-block regions in "
       "write order (needs eviction = \"fifo\"); fdp: blocks go to placement handles by their position in the "
       "request (later blocks live shorter)",
       "CacheLib regions; NVMe Flexible Data Placement", {"device", "log", "fdp"}, -big, big, kNand},
      {"fdp_handles", ParamType::kInt, "", "4", "fdp: placement handles (block at position p uses floor(log4(p+1)))",
       "NVMe FDP drives: 8-16 handles", {}, 2, 128, kNand},
      {"gc", ParamType::kEnum, "", "\"greedy\"", "GC victim: greedy (fewest valid), fifo (oldest) or cost_benefit",
       "greedy: the common FTL choice", {"greedy", "fifo", "cost_benefit"}, -big, big, kNand},
      {"gc_threshold", ParamType::kFloat, "", "0.001", "share of erase blocks kept free; GC runs below it",
       "", {}, 0, 0.5, kNand},
      {"waf_interval", ParamType::kTime, "ns", "\"5min\"", "WAF over time is reported per interval of this length",
       "", {}, -big, big, kNand},
  };
}

NandSpec parse_nand(const Section& s) {
  NandSpec n;
  n.over_provisioning = s.get_float("over_provisioning");
  n.iu_bytes = bytes_of(s, "iu");
  n.page_bytes = bytes_of(s, "page");
  n.erase_block_bytes = bytes_of(s, "erase_block");
  if (n.iu_bytes == 0) s.fail("iu", "must be above 0B");
  if (n.page_bytes == 0) s.fail("page", "must be above 0B");
  if (n.erase_block_bytes % n.iu_bytes != 0 || n.erase_block_bytes < 2 * n.iu_bytes) {
    s.fail("erase_block", fmt::format("must be a multiple of at least two IUs ({} B)", n.iu_bytes));
  }
  n.planes = s.get_int("planes");
  n.pages_per_wordline = s.get_int("pages_per_wordline");
  n.dies = s.get_int("dies");
  n.channels = s.get_int("nand_channels");
  n.channel_bytes_per_s = s.get_bandwidth("nand_channel_bandwidth");
  if (n.channel_bytes_per_s == 0) s.fail("nand_channel_bandwidth", "must be above 0B/s");
  n.read_time_ns = s.get_time("read_time");
  n.program_time_ns = s.get_time("program_time");
  n.erase_time_ns = s.get_time("erase_time");
  if (n.program_time_ns <= 0) s.fail("program_time", "must be above 0ns");
  if (n.read_time_ns < 0) s.fail("read_time", "must not be negative");
  if (n.erase_time_ns < 0) s.fail("erase_time", "must not be negative");
  n.pe_cycles = s.get_int("pe_cycles");
  n.slc_cache_bytes = bytes_of(s, "slc_cache");
  n.slc_program_time_ns = s.get_time("slc_program_time");
  if (n.slc_cache_bytes > 0 && n.slc_program_time_ns <= 0) s.fail("slc_program_time", "must be above 0ns");
  n.rated_dwpd = s.get_float("rated_dwpd");
  n.rated_pbw = s.get_float("rated_pbw");
  n.warranty_years = s.get_float("warranty_years");
  const std::string& placement = s.get_string("placement");
  n.placement = placement == "log" ? Placement::kLog : placement == "fdp" ? Placement::kFdp : Placement::kDevice;
  n.fdp_handles = s.get_int("fdp_handles");
  const std::string& gc = s.get_string("gc");
  n.gc = gc == "fifo" ? GcPolicy::kFifo : gc == "cost_benefit" ? GcPolicy::kCostBenefit : GcPolicy::kGreedy;
  n.gc_threshold = s.get_float("gc_threshold");
  n.waf_interval_ns = s.get_time("waf_interval");
  if (n.waf_interval_ns <= 0) s.fail("waf_interval", "must be above 0ns");
  return n;
}

}  // namespace kvtier
