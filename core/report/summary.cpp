#include "core/report/summary.h"

#include <algorithm>

namespace kvtier {

namespace {
double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

LatencySummary latency(const Histogram& h) {
  return LatencySummary{h.mean(), h.percentile(50), h.percentile(90), h.percentile(99), h.percentile(99.9), h.max()};
}

std::optional<LatencySummary> latency_if_any(const Histogram& h) {
  if (h.count() == 0) return std::nullopt;
  return latency(h);
}
}  // namespace

Summary make_summary(const SystemSpec& spec, const Hierarchy& hierarchy, const RunStats& stats,
                     const std::string& workload, double wall_s) {
  Summary s;
  s.system_name = spec.name;
  s.instances = spec.instances;
  s.nodes = scope_count(Scope::kNode, spec.instances, spec.instances_per_node);
  s.timed = spec.timed;
  s.model = spec.model.name;
  s.kv_dtype = spec.model.kv_dtype;
  s.accelerator = spec.instance.name;
  s.accelerators_per_instance = static_cast<std::uint64_t>(spec.instance.accelerators);
  s.block_tokens = spec.block_tokens;
  s.block_bytes = spec.block_bytes;
  s.kv_bytes_per_token = spec.model.kv_bytes_per_token();
  s.workload = workload;
  s.router = spec.router.name;
  s.layerwise = spec.scheduler.layerwise;

  s.requests = stats.requests;
  s.completed = stats.completed;
  s.rejected = stats.rejected;
  s.block_accesses = stats.block_accesses;
  s.prefix_hit_blocks = stats.prefix_hit_blocks;
  s.block_hits = stats.block_hits;
  s.prefix_block_weighted = ratio(static_cast<double>(stats.prefix_hit_blocks), static_cast<double>(stats.block_accesses));
  s.prefix_request_mean = ratio(stats.prefix_hit_fraction_sum, static_cast<double>(stats.looked_up));
  s.block_hit_ratio = ratio(static_cast<double>(stats.block_hits), static_cast<double>(stats.block_accesses));
  s.input_tokens = stats.input_tokens;
  s.output_tokens = stats.output_tokens;
  s.recomputed_tokens = stats.recomputed_tokens;
  s.served_tokens = stats.served_tokens;
  if (spec.timed) {
    s.ttft = latency(stats.ttft_ns);
    for (int p = 0; p <= 100; ++p) s.ttft_percentiles_ns.push_back(stats.ttft_ns.percentile(p));
    s.admission_wait_mean_ns = stats.admission_wait_ns.mean();
    s.load_mean_ns = stats.load_ns.mean();
    s.compute_wait_mean_ns = stats.compute_wait_ns.mean();
    s.prefill_mean_ns = stats.prefill_ns.mean();
  }
  if (spec.scheduler.prefetch != PrefetchPolicy::kOff) {
    PrefetchSummary p;
    p.policy = std::string(prefetch_policy_name(spec.scheduler.prefetch));
    p.into = spec.tiers[spec.scheduler.prefetch_level].name;
    p.requests = stats.prefetches;
    p.blocks = stats.prefetched_blocks;
    p.used_blocks = stats.prefetch_used_blocks;
    p.wasted_blocks = stats.prefetch_wasted_blocks;
    p.wait_mean_ns = stats.prefetch_wait_ns.mean();
    s.prefetch = p;
  }
  // A run an error stopped before its first arrival was handled spans no time.
  s.sim_duration_ns = stats.first_arrival_ns < 0 ? 0 : std::max<SimTimeNs>(0, stats.end_ns - stats.first_arrival_ns);
  const double duration_s = static_cast<double>(s.sim_duration_ns) / 1e9;
  const SimTimeNs measure_until = stats.end_ns;

  for (std::size_t level = 0; level < hierarchy.levels(); ++level) {
    const TierSpec& t = hierarchy.tier(level);
    const TierStats& ts = hierarchy.stats(level);
    TierSummary out;
    out.name = t.name;
    out.medium = t.medium;
    out.scope = std::string(scope_name(t.scope));
    out.eviction = t.eviction;
    out.admission = t.admission;
    out.write_policy = t.write_policy;
    out.copies = hierarchy.copies(level);
    out.capacity_blocks = hierarchy.capacity_blocks(level);
    out.capacity_bytes = out.capacity_blocks * spec.block_bytes;
    out.read_bytes = ts.read_bytes;
    out.written_bytes = ts.written_bytes;
    out.hit_blocks = ts.hit_blocks;
    out.inserted_blocks = ts.inserted_blocks;
    out.evicted_blocks = ts.evicted_blocks;
    out.demoted_blocks = ts.demoted_blocks;
    out.dropped_blocks = ts.dropped_blocks;
    out.refused_blocks = ts.refused_blocks;
    out.promoted_blocks = ts.promoted_blocks;
    out.invalidated_blocks = ts.invalidated_blocks;
    if (ts.hit_blocks > 0) {
      out.written_bytes_per_hit_byte =
          static_cast<double>(ts.written_bytes) / (static_cast<double>(ts.hit_blocks) * static_cast<double>(spec.block_bytes));
    }
    out.peak_used_bytes = static_cast<std::uint64_t>(ts.used_blocks.peak()) * spec.block_bytes;
    out.utilization = ratio(ts.used_blocks.mean_until(measure_until), static_cast<double>(out.capacity_blocks));
    if (spec.timed) {
      SimTimeNs busy = 0;
      std::int64_t servers = 0;
      for (std::size_t c = 0; c < out.copies; ++c) {
        busy += hierarchy.port(level, c).busy_ns();
        servers += hierarchy.port(level, c).servers();
      }
      out.busy_fraction = ratio(static_cast<double>(busy), static_cast<double>(servers) * static_cast<double>(s.sim_duration_ns));
    }
    out.read_bytes_per_s = ratio(static_cast<double>(out.read_bytes), duration_s);
    out.write_bytes_per_s = ratio(static_cast<double>(out.written_bytes), duration_s);
    out.energy_j = (static_cast<double>(out.read_bytes) * t.read_pj_per_bit +
                    static_cast<double>(out.written_bytes) * t.write_pj_per_bit) * 8e-12;
    out.cost_usd = static_cast<double>(out.capacity_bytes) / 1e9 * t.cost_usd_per_gb;
    out.read_transfers = ts.read_latency_ns.count();
    out.write_transfers = ts.write_latency_ns.count();
    out.read_latency = latency_if_any(ts.read_latency_ns);
    out.write_latency = latency_if_any(ts.write_latency_ns);
    if (t.nand_model) out.flash = summarize_flash(hierarchy, level, s.sim_duration_ns);
    s.energy_j += out.energy_j;
    s.cost_usd += out.cost_usd;
    s.tiers.push_back(std::move(out));
  }
  for (std::size_t i = 0; i < hierarchy.link_count(); ++i) {
    const LinkSpec& l = hierarchy.link(i);
    LinkSummary out;
    out.name = l.name;
    out.scope = std::string(scope_name(l.scope));
    out.copies = hierarchy.link_copies(i);
    out.up_bytes = hierarchy.link_bytes(i, true);
    out.down_bytes = hierarchy.link_bytes(i, false);
    const double capacity_ns = static_cast<double>(out.copies) * static_cast<double>(s.sim_duration_ns);
    out.up_busy_fraction = ratio(static_cast<double>(hierarchy.link_busy_ns(i, true)), capacity_ns);
    out.down_busy_fraction = ratio(static_cast<double>(hierarchy.link_busy_ns(i, false)), capacity_ns);
    out.energy_j = static_cast<double>(out.up_bytes + out.down_bytes) * l.pj_per_bit * 8e-12;
    s.energy_j += out.energy_j;
    s.links.push_back(std::move(out));
  }

  s.wall_s = wall_s;
  s.events = stats.events;
  s.events_per_s = ratio(static_cast<double>(stats.events), wall_s);
  s.sim_speedup = ratio(duration_s, wall_s);
  return s;
}

}  // namespace kvtier
