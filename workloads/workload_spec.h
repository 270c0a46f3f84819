// The [workload] section: which requests a run replays.
#pragma once

#include <cstdint>
#include <memory>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

const ComponentSchema& synthetic_workload_schema();
const ComponentSchema& mooncake_workload_schema();
const ComponentSchema& azure_workload_schema();

// Contract: `section` was validated against one of the schemas above.
std::unique_ptr<ITraceReader> make_trace_reader(const Section& section, std::uint64_t block_tokens, std::uint64_t seed);

}  // namespace kvtier
