#include "core/sim/simulation.h"

#include <chrono>

#include "core/report/time_series.h"
#include "core/sim/cache_only_driver.h"
#include "core/sim/next_use_oracle.h"
#include "core/sim/routing/router_registry.h"
#include "core/sim/system_spec.h"
#include "core/sim/timed_driver.h"
#include "tiers/hierarchy.h"
#include "workloads/compute_model.h"
#include "workloads/deferred_error_reader.h"
#include "workloads/workload_spec.h"

namespace kvtier {

HierarchyConfig hierarchy_config(const SystemSpec& spec) {
  HierarchyConfig h;
  h.instances = spec.instances;
  h.instances_per_node = spec.instances_per_node;
  h.block_bytes = spec.block_bytes;
  h.timed = spec.timed;
  h.first_tier_devices = spec.instance.accelerators;
  h.tiers = spec.tiers;
  h.links = spec.links;
  return h;
}

namespace {
// The first tier's effective read bandwidth for one instance: what decode streams from.
std::uint64_t first_tier_read_rate(const SystemSpec& spec) {
  const TierSpec& t = spec.tiers.front();
  return static_cast<std::uint64_t>(static_cast<double>(t.read_bytes_per_s) *
                                    static_cast<double>(t.count * spec.instance.accelerators) * t.efficiency);
}
}  // namespace

SimulationResult simulate(const ResolvedConfig& config, const RunControl& given_control, const BackingOptions* backing,
                          const TimeSeriesOptions* series) {
  RunControl control = given_control;
  const SystemSpec spec = build_system_spec(config);
  Hierarchy hierarchy(hierarchy_config(spec));
  std::optional<BackingSet> real;
  if (backing != nullptr) {
    if (backing->measured_timing && !spec.timed) {
      throw Error(ExitCode::kUsage, "--timing measured: the system's timing is off (system.timing = \"off\")");
    }
    real.emplace(hierarchy, *backing, control.warn);
  }
  const ComputeModel compute(spec.model, spec.instance, first_tier_read_rate(spec));
  const auto trace = make_trace_reader(config.section("workload"), spec.block_tokens, spec.seed);
  DeferredErrorReader reader(*trace);  // the requests before a bad line still run to the end
  const auto router = make_router(spec.router, spec.instances);

  RunStats stats;
  std::optional<TimeSeries> samples;
  if (series != nullptr) {
    samples.emplace(series->path, hierarchy, stats, series->interval_ns);
    control.time_advanced = [&samples](SimTimeNs now) { samples->advance(now); };
  }
  std::optional<Error> failure;
  const auto started = std::chrono::steady_clock::now();
  try {
    // A policy that needs the future gets it from a first pass over the same workload.
    std::optional<NextUseOracle> oracle;
    if (hierarchy.needs_next_use()) {
      const auto first_pass = make_trace_reader(config.section("workload"), spec.block_tokens, spec.seed);
      oracle.emplace(*first_pass);
    }
    const NextUseOracle* future = oracle ? &*oracle : nullptr;
    if (spec.timed) {
      TimedDriver driver(hierarchy, compute, reader, *router, spec.instances, spec.block_tokens, stats, control,
                         future, spec.scheduler);
      driver.run();
    } else {
      run_cache_only(hierarchy, reader, *router, spec.block_tokens, stats, control, future);
    }
    if (reader.error()) throw *reader.error();
    if (real) real->finish(!control.stop_requested());
  } catch (const Error& e) {
    failure = e;
  }
  if (samples) {
    try {
      samples->finish(stats.end_ns);  // the rows up to a failure are kept too
    } catch (const Error& e) {
      if (!failure) failure = e;
    }
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!failure && control.stop_requested()) {
    failure = Error(ExitCode::kInterrupted, "interrupted before the workload ended");
  }
  SimulationResult result{make_summary(spec, hierarchy, stats, reader.describe(), wall_s), failure};
  if (real) {
    result.summary.backing = BackingSummary{std::string(ack_level_name(backing->ack)), backing->measured_timing,
                                            backing->scale, real->payload_bytes(), backing->dir,
                                            real->summarize(hierarchy), backing->resume, real->restored_blocks(),
                                            real->dropped_blocks()};
  }
  if (failure) {
    result.summary.complete = false;
    result.summary.error = failure->what();
  }
  return result;
}

}  // namespace kvtier
