#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "apps/commands.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/results_dir.h"
#include "core/sim/simulation.h"

namespace kvtier::cli {

int run_command(const RunArgs& args) {
  ConfigRequest request;
  request.config = args.config;
  // Absolute, so that config.resolved.toml repeats the run from any directory.
  if (!args.trace.empty()) request.trace_path = std::filesystem::absolute(args.trace).lexically_normal().string();
  for (const std::string& s : args.sets) request.overrides.push_back(parse_override(s));
  const ResolvedConfig config = load_config(request);

  const std::filesystem::path dir = make_results_dir(args.out, config.section("system").get_string("name"));
  // The resolved configuration goes first, so even a run that fails says what it ran.
  write_file_atomic(dir / "config.resolved.toml", config.to_toml());

  const RunControl control = terminal_control(args.quiet);
  SimulationResult result = simulate(config, control);
  clear_progress();
  write_file_atomic(dir / "summary.json", render_summary_json(result.summary));
  if (!args.quiet) std::fputs(render_summary_table(result.summary, dir.string()).c_str(), stdout);
  if (result.failure) throw *result.failure;
  return 0;
}

}  // namespace kvtier::cli
