// Timing off: a cache simulation. Requests are taken in trace order and each of their
// blocks is accessed in order, one at a time, with nothing pinned: exactly a cache fed
// every block of the trace, so its counts can be checked against other cache simulators.
// With no time there are no queues: a router that weighs load sees the requests routed
// to each instance so far.
#pragma once

#include "core/sim/next_use_oracle.h"
#include "core/sim/routing/i_router.h"
#include "core/sim/run_control.h"
#include "core/sim/run_stats.h"
#include "tiers/hierarchy.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

// `oracle` gives each access its next use when a policy needs it; may be null otherwise.
void run_cache_only(Hierarchy& hierarchy, ITraceReader& reader, IRouter& router, std::uint64_t block_tokens,
                    RunStats& stats, const RunControl& control, const NextUseOracle* oracle = nullptr);

}  // namespace kvtier
