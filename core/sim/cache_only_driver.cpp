#include "core/sim/cache_only_driver.h"

namespace kvtier {

void run_cache_only(Hierarchy& hierarchy, ITraceReader& reader, IRouter& router, std::uint64_t block_tokens,
                    RunStats& stats, const RunControl& control) {
  stats.served_tokens.assign(hierarchy.levels(), 0);
  Request r;
  while (!control.stop_requested() && reader.next(r)) {
    if (stats.first_arrival_ns < 0) stats.first_arrival_ns = r.arrival_ns;
    stats.end_ns = r.arrival_ns;
    const std::size_t instance = router.route(r);
    bool in_prefix = true;
    std::uint64_t prefix_hits = 0;
    std::uint64_t served = 0;
    const std::size_t n = r.blocks.size();
    for (std::size_t j = 0; j < n; ++j) {
      if (j + 2 < n) hierarchy.prefetch(instance, r.blocks[j + 2]);
      const int level = hierarchy.access(instance, r.blocks[j], r.arrival_ns, in_prefix);
      if (level < 0) {
        in_prefix = false;
        continue;
      }
      ++stats.block_hits;
      if (in_prefix) {
        ++prefix_hits;
        const std::uint64_t tokens = RunStats::tokens_of_block(j, r.input_tokens, block_tokens);
        stats.served_tokens[static_cast<std::size_t>(level)] += tokens;
        served += tokens;
      }
    }
    ++stats.requests;
    ++stats.completed;
    stats.block_accesses += n;
    stats.prefix_hit_blocks += prefix_hits;
    stats.prefix_hit_fraction_sum += n == 0 ? 0.0 : static_cast<double>(prefix_hits) / static_cast<double>(n);
    stats.input_tokens += r.input_tokens;
    stats.output_tokens += r.output_tokens;
    stats.recomputed_tokens += r.input_tokens - served;
    stats.events += 1;
    if (control.progress && (stats.requests & 0xFFF) == 0) {
      control.progress(Progress{stats.requests, stats.events, r.arrival_ns});
    }
  }
}

}  // namespace kvtier
