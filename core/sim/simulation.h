// One run of a configured system over its workload: builds the hierarchy, the compute
// model and the workload, drives them (modelled timing or cache-only), and summarises.
#pragma once

#include <optional>
#include <string>

#include "core/config/config_loader.h"
#include "core/report/summary.h"
#include "core/sim/run_control.h"
#include "core/sim/system_spec.h"
#include "kvtier/error.h"
#include "tiers/backing/backing_set.h"
#include "tiers/hierarchy.h"

namespace kvtier {

struct SimulationResult {
  Summary summary;
  // Set when the run stopped early on bad input or a stop request; the summary then
  // holds what was measured up to that point and says it is incomplete.
  std::optional<Error> failure;
};

// The hierarchy a system describes (tiers, links, scopes, block size).
HierarchyConfig hierarchy_config(const SystemSpec& spec);

// Contract: configuration errors throw before anything runs; errors met while running
// (a bad trace line, a failed or corrupt read of real backing) are returned in `failure`
// together with the partial summary. With `backing`, every tier holds real bytes
// (tiers/backing/backing_set.h).
// With `series`, what happens in each interval of simulated time goes to a CSV file
// (core/report/time_series.h) as the run goes.
struct TimeSeriesOptions {
  std::string path;
  SimTimeNs interval_ns = 0;
};
SimulationResult simulate(const ResolvedConfig& config, const RunControl& control,
                          const BackingOptions* backing = nullptr, const TimeSeriesOptions* series = nullptr);

}  // namespace kvtier
