// Cache simulations for tests that check which blocks go where: tiers counted in blocks,
// timing off (so a tier's bandwidth is never read), a trace replayed in memory.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/cache_only_driver.h"
#include "core/sim/next_use_oracle.h"
#include "core/sim/routing/round_robin_router.h"
#include "tests/support/paths.h"
#include "tests/support/vector_reader.h"
#include "tiers/hierarchy.h"
#include "workloads/mooncake_reader.h"

namespace kvtier::test {

inline TierSpec block_tier(std::string name, std::uint64_t capacity_blocks, std::string eviction = "lru") {
  TierSpec t;
  t.name = std::move(name);
  t.medium = "ddr";
  t.capacity = units::Size{capacity_blocks, true};
  t.read_bytes_per_s = t.write_bytes_per_s = 1;
  t.eviction = std::move(eviction);
  t.admission = "all";
  return t;
}

// Every instance has its own copy of an instance-scoped tier; a node holds them all.
inline HierarchyConfig untimed(std::vector<TierSpec> tiers, std::size_t instances = 1) {
  HierarchyConfig h;
  h.instances = h.instances_per_node = instances;
  h.block_bytes = 1;
  h.timed = false;
  h.tiers = std::move(tiers);
  return h;
}

// Replays `requests` round-robin over the instances, giving each access its next use when
// a tier's policy needs it (a first pass over the same requests).
inline RunStats replay(Hierarchy& hierarchy, const std::vector<Request>& requests) {
  std::optional<NextUseOracle> oracle;
  if (hierarchy.needs_next_use()) {
    VectorReader first_pass(requests);
    oracle.emplace(first_pass);
  }
  VectorReader reader(requests);
  RoundRobinRouter router(hierarchy.instances());
  RunStats stats;
  run_cache_only(hierarchy, reader, router, 512, stats, RunControl{}, oracle ? &*oracle : nullptr);
  return stats;
}

inline RunStats replay(HierarchyConfig config, const std::vector<Request>& requests) {
  Hierarchy hierarchy(std::move(config));
  return replay(hierarchy, requests);
}

// The Mooncake conversation trace, whole.
inline std::vector<Request> mooncake_requests() {
  MooncakeReader reader(mooncake_trace().string(), MooncakeReaderOptions{});
  std::vector<Request> out;
  Request r;
  while (reader.next(r)) out.push_back(r);
  return out;
}

}  // namespace kvtier::test
