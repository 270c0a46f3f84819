#include "tiers/tier_spec.h"

#include <fmt/format.h>

#include "tiers/admission/admission_registry.h"
#include "tiers/eviction/policy_registry.h"

namespace kvtier {

namespace {
ComponentSchema make_tier_schema() {
  ComponentSchema schema{
      "tier",
      "tiers.<name>",
      "tiers",
      "A memory or storage tier that holds KV blocks: HBM, LPDDR, DDR, CXL memory or an SSD.",
      {
          {"medium", ParamType::kEnum, "", "", "kind of memory, for reports", "",
           {"hbm", "lpddr", "ddr", "cxl", "flash"}},
          {"capacity", ParamType::kSize, "bytes", "", "capacity per device that may hold KV blocks (or N blocks)"},
          {"count", ParamType::kInt, "devices", "1", "devices per copy of the tier (striped: capacity and bandwidth add)",
           "design default", {}, 1, 1e6},
          {"read_bandwidth", ParamType::kBandwidth, "bytes/s", "", "peak read bandwidth per device"},
          {"write_bandwidth", ParamType::kBandwidth, "bytes/s", "", "peak write bandwidth per device"},
          {"read_latency", ParamType::kTime, "ns", "\"0ns\"", "fixed delay added to every read (not held on the port); with flash_model = nand, the controller's "
           "own, on top of tR and the first page's channel transfer"},
          {"write_latency", ParamType::kTime, "ns", "\"0ns\"", "fixed delay added to every write"},
          {"channels", ParamType::kInt, "", "1", "transfers served at once, each at bandwidth/channels (FIFO)",
           "design default", {}, 1, 4096},
          {"efficiency", ParamType::kFloat, "", "1.0", "achieved fraction of peak bandwidth", "design default", {}, 1e-6,
           1.0},
          {"read_energy", ParamType::kFloat, "pJ/bit", "0.0", "energy per bit read", "", {}, 0, 1e9},
          {"write_energy", ParamType::kFloat, "pJ/bit", "0.0", "energy per bit written", "", {}, 0, 1e9},
          {"cost", ParamType::kFloat, "USD/GB", "0.0", "price per GB (decimal) of capacity", "", {}, 0, 1e9},
          {"scope", ParamType::kEnum, "", "\"instance\"",
           "one copy per instance, per node, or one pool for the whole system", "", {"instance", "node", "pool"}},
          {"links", ParamType::kStringList, "", "[]",
           "the [links.<name>] crossed from this tier to the first tier, in order; empty for the first tier"},
          {"eviction", ParamType::kEnum, "", "\"lru\"", "eviction policy", "", eviction_policy_names()},
          {"high_watermark", ParamType::kFloat, "", "1.0",
           "when an insert would fill more than this share of capacity, evict down to low_watermark",
           "Mooncake SSD offload: 0.9", {}, 0.001, 1.0},
          {"low_watermark", ParamType::kFloat, "", "1.0", "the share of capacity eviction empties down to",
           "Mooncake SSD offload: 0.8", {}, 0.001, 1.0},
          {"write_policy", ParamType::kEnum, "", "\"back\"",
           "when blocks are written here: back (when the tier above evicts them), through (as soon as the tier "
           "above has them), selective (once hit write_through_hits times above)",
           "SGLang HiCache write policies", {"back", "through", "selective"}},
          {"write_through_hits", ParamType::kInt, "hits", "2", "selective: hits in the tier above that write a block",
           "SGLang HiCache: 2 in practice", {}, 1, 1e9, "write_policy=selective"},
          {"inclusion", ParamType::kEnum, "", "\"none\"",
           "none: copies anywhere; exclusive: loading moves a block up out of this tier; inclusive: this tier "
           "holds all the tiers above hold (written through, and its evictions evict above)",
           "", {"none", "exclusive", "inclusive"}},
          {"admission", ParamType::kEnum, "", "\"all\"",
           "which blocks offered to the tier (written back or through) it takes; the first tier takes all", "",
           admission_policy_names()},
          {"frequency_threshold", ParamType::kInt, "", "2", "frequency: count (doubled per offer) that admits",
           "Dynamo KVBM disk filter", {}, 1, 1e9, "admission=frequency"},
          {"frequency_decay", ParamType::kTime, "ns", "\"10min\"", "frequency: every count loses 1 this often",
           "Dynamo KVBM: 600 s", {}, -1e300, 1e300, "admission=frequency"},
          {"frequency_max_entries", ParamType::kInt, "", "1000000",
           "frequency: blocks tracked before extra decay steps run", "Dynamo KVBM", {}, 1, 1e12,
           "admission=frequency"},
          {"reuse_threshold", ParamType::kInt, "", "2", "reuse: times a block must be seen before it is written",
           "vLLM store_threshold", {}, 1, 1e9, "admission=reuse"},
          {"reuse_tracker_size", ParamType::kInt, "", "64000", "reuse: most recently seen blocks remembered",
           "vLLM max_tracker_size", {}, 1, 1e12, "admission=reuse"},
          {"tinylfu_sample_factor", ParamType::kInt, "", "10",
           "tinylfu: accesses between resets, per block of capacity", "Caffeine: 10", {}, 1, 1e6,
           "admission=tinylfu"},
          {"reuse_time_factor", ParamType::kFloat, "", "1.0",
           "reuse_time: admit if the last reuse gap is at most this times the residency time", "", {}, 1e-6, 1e6,
           "admission=reuse_time"},
          {"lease", ParamType::kTime, "ns", "\"0ns\"",
           "an accessed block cannot be evicted for this long after its last access (0: no leases)",
           "Mooncake Store: 10 s leases"},
          {"slru_segments", ParamType::kInt, "", "2", "slru: segments (1 probationary + protected ones)",
           "Karedla et al. 1994", {}, 2, 16, "eviction=slru"},
          {"slru_protected", ParamType::kFloat, "", "0.8", "slru: share of capacity for the protected segments",
           "common SLRU setting", {}, 0.01, 0.99, "eviction=slru"},
          {"s3fifo_small", ParamType::kFloat, "", "0.1", "s3fifo: share of capacity for the small FIFO",
           "Yang et al. SOSP'23", {}, 0.01, 0.99, "eviction=s3fifo"},
          {"s3fifo_move_threshold", ParamType::kInt, "hits", "2", "s3fifo: hits in S that move a block to M",
           "Yang et al. SOSP'23 (freq > 1)", {}, 1, 3, "eviction=s3fifo"},
          {"twoq_kin", ParamType::kFloat, "", "0.25", "2q: share of capacity for A1in", "Johnson and Shasha VLDB'94",
           {}, 0.01, 0.99, "eviction=2q"},
          {"twoq_kout", ParamType::kFloat, "", "0.5", "2q: ids A1out remembers, as a share of capacity",
           "Johnson and Shasha VLDB'94", {}, 0.01, 10, "eviction=2q"},
          {"lfu_aging", ParamType::kBool, "", "true", "lfu: dynamic aging (LFU-DA); false is plain LFU",
           "Arlitt et al. 2000", {}, -1e300, 1e300, "eviction=lfu"},
          {"ttl", ParamType::kTime, "ns", "\"10min\"", "ttl: a block unused this long expires",
           "80% of reuses within 10 min (KVCache Cache in the Wild, ATC'25)", {}, -1e300, 1e300, "eviction=ttl"},
      }};
  for (ParamSpec& p : nand_params()) schema.params.push_back(p);
  return schema;
}
}  // namespace

const ComponentSchema& tier_schema() {
  static const ComponentSchema schema = make_tier_schema();
  return schema;
}

TierSpec parse_tier(const Section& s) {
  TierSpec t;
  t.name = std::string(s.short_name());
  t.medium = s.get_string("medium");
  t.capacity = s.get_size("capacity");
  t.count = s.get_int("count");
  t.read_bytes_per_s = s.get_bandwidth("read_bandwidth");
  t.write_bytes_per_s = s.get_bandwidth("write_bandwidth");
  if (t.read_bytes_per_s == 0) s.fail("read_bandwidth", "must be above 0B/s");
  if (t.write_bytes_per_s == 0) s.fail("write_bandwidth", "must be above 0B/s");
  t.read_latency_ns = s.get_time("read_latency");
  t.write_latency_ns = s.get_time("write_latency");
  t.channels = s.get_int("channels");
  t.efficiency = s.get_float("efficiency");
  t.read_pj_per_bit = s.get_float("read_energy");
  t.write_pj_per_bit = s.get_float("write_energy");
  t.cost_usd_per_gb = s.get_float("cost");
  t.scope = parse_scope(s.get_string("scope"));
  t.links = s.get_list("links");
  t.eviction = s.get_string("eviction");
  EvictionParams& e = t.eviction_params;
  e.slru_segments = s.get_int("slru_segments");
  e.slru_protected = s.get_float("slru_protected");
  e.s3fifo_small = s.get_float("s3fifo_small");
  e.s3fifo_move_threshold = s.get_int("s3fifo_move_threshold");
  e.twoq_kin = s.get_float("twoq_kin");
  e.twoq_kout = s.get_float("twoq_kout");
  e.lfu_aging = s.get_bool("lfu_aging");
  e.ttl_ns = s.get_time("ttl");
  if (e.ttl_ns <= 0) s.fail("ttl", "must be above 0ns");
  t.high_watermark = s.get_float("high_watermark");
  t.low_watermark = s.get_float("low_watermark");
  if (t.low_watermark > t.high_watermark) {
    s.fail("low_watermark", fmt::format("{} is above high_watermark {}", t.low_watermark, t.high_watermark));
  }
  t.lease_ns = s.get_time("lease");
  t.write_policy = s.get_string("write_policy");
  t.write_through_hits = s.get_int("write_through_hits");
  t.inclusion = s.get_string("inclusion");
  if (t.inclusion == "inclusive" && t.write_policy != "through") {
    s.fail("inclusion", "an inclusive tier is written through: set write_policy = \"through\"");
  }
  if (t.inclusion == "exclusive" && t.write_policy != "back") {
    s.fail("inclusion", "an exclusive tier takes blocks when the tier above evicts them: write_policy = \"back\"");
  }
  t.admission = s.get_string("admission");
  AdmissionParams& a = t.admission_params;
  a.frequency_threshold = s.get_int("frequency_threshold");
  a.frequency_decay_ns = s.get_time("frequency_decay");
  if (a.frequency_decay_ns <= 0) s.fail("frequency_decay", "must be above 0ns");
  a.frequency_max_entries = s.get_int("frequency_max_entries");
  a.reuse_threshold = s.get_int("reuse_threshold");
  a.reuse_tracker_size = s.get_int("reuse_tracker_size");
  a.tinylfu_sample_factor = s.get_int("tinylfu_sample_factor");
  a.reuse_time_factor = s.get_float("reuse_time_factor");
  t.nand_model = t.medium == "flash" && s.get_string("flash_model") == "nand";
  if (t.nand_model) {
    t.nand = parse_nand(s);
    if (t.nand.placement == Placement::kLog && t.eviction != "fifo") {
      s.fail("placement", "log placement evicts whole regions in write order: set eviction = \"fifo\"");
    }
  }
  return t;
}

}  // namespace kvtier
