#include "kvtier/mrc.h"

#include "core/config/config_loader.h"
#include "core/report/mrc_report.h"
#include "core/sweep/mrc_run.h"

namespace kvtier {

std::string mrc_json(const MrcOptions& options) {
  const ResolvedConfig config =
      load_system(options.config, options.config_text, options.overrides, options.trace);
  const MrcOutcome out =
      run_mrc(config, MrcRequest{options.sample_rate, options.capacities, options.points, options.target}, RunControl{});
  return mrc_json(out.report, out.curve);
}

}  // namespace kvtier
