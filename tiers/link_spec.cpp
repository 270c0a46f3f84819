#include "tiers/link_spec.h"

namespace kvtier {

const ComponentSchema& link_schema() {
  static const ComponentSchema schema{
      "link",
      "links.<name>",
      "links",
      "An interconnect between tiers (full duplex); every transfer on a path holds it for as long as it carries the bytes.",
      {
          {"bandwidth", ParamType::kBandwidth, "bytes/s", "", "peak bandwidth in each direction"},
          {"latency", ParamType::kTime, "ns", "\"0ns\"", "fixed delay added to every transfer (DMA set-up)"},
          {"efficiency", ParamType::kFloat, "", "1.0", "achieved fraction of peak bandwidth", "design default", {},
           1e-6, 1.0},
          {"energy", ParamType::kFloat, "pJ/bit", "0.0", "energy per bit moved", "", {}, 0, 1e9},
          {"scope", ParamType::kEnum, "", "\"instance\"", "one copy per instance, per node, or one for the system", "",
           {"instance", "node", "pool"}},
          {"per_device", ParamType::kBool, "", "false",
           "one such link per device of the tier whose links start with it (each drive's own PCIe interface): "
           "their bandwidths add up with that tier's count"},
      }};
  return schema;
}

LinkSpec parse_link(const Section& s) {
  LinkSpec l;
  l.name = std::string(s.short_name());
  l.bytes_per_s = s.get_bandwidth("bandwidth");
  if (l.bytes_per_s == 0) s.fail("bandwidth", "must be above 0B/s");
  l.latency_ns = s.get_time("latency");
  l.efficiency = s.get_float("efficiency");
  l.pj_per_bit = s.get_float("energy");
  l.scope = parse_scope(s.get_string("scope"));
  l.per_device = s.get_bool("per_device");
  return l;
}

}  // namespace kvtier
