#include "core/sweep/workload_bound.h"

#include "core/sim/next_use_oracle.h"
#include "core/sim/simulation.h"
#include "workloads/workload_spec.h"

namespace kvtier {

std::uint64_t total_capacity_blocks(const SystemSpec& spec) {
  const Hierarchy h(hierarchy_config(spec));
  std::uint64_t total = 0;
  for (std::size_t level = 0; level < h.levels(); ++level) {
    const std::uint64_t c = h.capacity_blocks(level);
    total = c > UINT64_MAX - total ? UINT64_MAX : total + c;
  }
  return total;
}

HitBound workload_bound(const Section& workload, std::uint64_t block_tokens, std::uint64_t seed,
                        std::uint64_t capacity_blocks) {
  const auto reader = make_trace_reader(workload, block_tokens, seed);
  const NextUseOracle future(*reader);
  return belady_bound(future, capacity_blocks);
}

MissRatioCurve workload_curve(const Section& workload, std::uint64_t block_tokens, std::uint64_t seed) {
  const auto reader = make_trace_reader(workload, block_tokens, seed);
  MissRatioCurve curve;
  Request r;
  while (reader->next(r)) curve.add_request(r.blocks);
  return curve;
}

}  // namespace kvtier
