#include "kvtier/run.h"

#include <filesystem>

#include "core/config/config_loader.h"
#include "core/report/summary_json.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "core/sweep/workload_bound.h"

namespace kvtier {

std::string run_summary_json(const RunOptions& options) {
  std::vector<Override> overrides;
  for (const std::string& s : options.overrides) overrides.push_back(parse_override(s));
  // Absolute, as the CLI makes it, so that the summary names the same file wherever from.
  const std::string trace =
      options.trace.empty() ? "" : std::filesystem::absolute(options.trace).lexically_normal().string();
  const ResolvedConfig config = options.config_text.empty()
                                    ? load_config(ConfigRequest{options.config, overrides, trace})
                                    : load_config_text(options.config_text, "config_text", overrides, trace);
  RunControl control;
  control.warn = options.log;
  SimulationResult result = simulate(config, control);
  if (!result.failure && options.belady_bound) {
    const SystemSpec spec = build_system_spec(config);
    const std::uint64_t capacity = total_capacity_blocks(spec);
    const HitBound bound = workload_bound(config.section("workload"), spec.block_tokens, spec.seed, capacity);
    result.summary.belady = BeladySummary{capacity, bound.accesses, bound.hits};
  }
  return render_summary_json(result.summary);
}

}  // namespace kvtier
