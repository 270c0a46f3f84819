// A link between tiers (PCIe, NVLink-C2C, an RDMA NIC): full duplex, the same bandwidth
// in each direction, modelled like a tier port.
#pragma once

#include <cstdint>
#include <string>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "kvtier/sim_time.h"
#include "tiers/scope.h"

namespace kvtier {

struct LinkSpec {
  std::string name;
  std::uint64_t bytes_per_s = 0;  // peak, per direction
  SimTimeNs latency_ns = 0;
  double efficiency = 1.0;
  double pj_per_bit = 0;
  Scope scope = Scope::kInstance;
  // One such link per device of the tier whose path starts with it (each drive's own PCIe
  // interface): `devices` of them, their bandwidths adding up (resolved with the system).
  bool per_device = false;
  std::int64_t devices = 1;
};

const ComponentSchema& link_schema();
LinkSpec parse_link(const Section& section);

}  // namespace kvtier
