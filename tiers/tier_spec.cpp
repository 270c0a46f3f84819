#include "tiers/tier_spec.h"

#include "tiers/eviction/policy_registry.h"

namespace kvtier {

const ComponentSchema& tier_schema() {
  static const ComponentSchema schema{
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
          {"read_latency", ParamType::kTime, "ns", "\"0ns\"", "fixed delay added to every read (not held on the port)"},
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
      }};
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
  return t;
}

}  // namespace kvtier
