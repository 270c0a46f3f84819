// Timing off: a cache simulation. Requests are taken in trace order and each of their
// blocks is accessed in order, one at a time, with nothing pinned: exactly a cache fed
// every block of the trace, so its counts can be checked against other cache simulators.
#pragma once

#include "core/sim/router.h"
#include "core/sim/run_control.h"
#include "core/sim/run_stats.h"
#include "tiers/hierarchy.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

void run_cache_only(Hierarchy& hierarchy, ITraceReader& reader, IRouter& router, std::uint64_t block_tokens,
                    RunStats& stats, const RunControl& control);

}  // namespace kvtier
