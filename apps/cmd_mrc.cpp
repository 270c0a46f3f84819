#include <filesystem>
#include <fmt/format.h>

#include "apps/commands.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/mrc_report.h"
#include "core/report/results_dir.h"
#include "core/sweep/mrc_run.h"
#include "kvtier/error.h"

namespace kvtier::cli {

int mrc_command(const MrcArgs& args) {
  const ResolvedConfig config = load_system(args.config, "", args.sets, args.trace);
  const MrcRequest wanted{args.sample_rate, args.capacities, args.points, args.target};
  (void)checked_capacities(config, wanted);  // before the results directory: bad flags leave nothing behind
  const std::filesystem::path dir = make_results_dir(args.out, "mrc-" + config.section("system").get_string("name"));
  write_file_atomic(dir / "config.resolved.toml", config.to_toml());
  const MrcOutcome out = run_mrc(config, wanted, terminal_control(args.quiet));
  clear_progress();
  // A bad trace line or Ctrl-C ends the read; the curve of what was read is still written.
  write_file_atomic(dir / "mrc.csv", mrc_csv(out.report));
  write_file_atomic(dir / "mrc.json", mrc_json(out.report, out.curve));
  write_file_atomic(dir / "mrc.html", render_mrc_html(out.report, out.curve));
  if (!args.quiet) std::fputs(render_mrc_table(out.report, out.curve, dir.string()).c_str(), stdout);
  if (out.failure) throw *out.failure;
  return 0;
}

}  // namespace kvtier::cli
