// A whole system, checked for consistency across its sections: which tiers in which
// order, joined by which links, serving which model on which instances.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/config_loader.h"
#include "core/sim/routing/router_registry.h"
#include "core/sim/scheduler_spec.h"
#include "tiers/link_spec.h"
#include "tiers/tier_spec.h"
#include "workloads/compute_model.h"
#include "workloads/model_spec.h"

namespace kvtier {

struct SystemSpec {
  std::string name;
  std::size_t instances = 1;
  std::size_t instances_per_node = 1;
  bool timed = true;
  std::uint64_t seed = 1;
  std::uint64_t block_tokens = 512;
  std::uint64_t block_bytes = 0;
  ModelSpec model;
  InstanceSpec instance;
  SchedulerSpec scheduler;
  RouterSpec router;
  std::vector<TierSpec> tiers;  // top to bottom
  std::vector<LinkSpec> links;  // those the tiers use, in name order
};

const ComponentSchema& system_schema();
// Contract: throws a config error (exit 78) naming the offending section and key.
SystemSpec build_system_spec(const ResolvedConfig& config);

}  // namespace kvtier
