#include <algorithm>
#include <filesystem>
#include <optional>
#include <fmt/format.h>

#include "apps/commands.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/mrc_report.h"
#include "core/report/results_dir.h"
#include "core/sim/system_spec.h"
#include "core/sweep/miss_ratio_curve.h"
#include "core/sweep/workload_bound.h"
#include "core/units/units.h"
#include "kvtier/error.h"
#include "workloads/workload_spec.h"

namespace kvtier::cli {

namespace {
// "2TiB,16TiB" or "1000 blocks,5000 blocks": each a capacity in blocks of `block_bytes`.
std::vector<std::uint64_t> parse_capacities(const std::string& text, std::uint64_t block_bytes) {
  std::vector<std::uint64_t> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    try {
      const units::Size size = units::parse_size(item);
      out.push_back(size.in_blocks ? size.value : size.value / block_bytes);
    } catch (const units::UnitError& e) {
      throw Error(ExitCode::kUsage, fmt::format("--capacities '{}': {}", item, e.what()));
    }
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
}  // namespace

int mrc_command(const MrcArgs& args) {
  if (!(args.sample_rate > 0 && args.sample_rate <= 1)) {
    throw Error(ExitCode::kUsage, fmt::format("--sample-rate {}: expected a share in (0, 1], such as 0.01", args.sample_rate));
  }
  if (args.target && !(*args.target > 0 && *args.target < 1)) {
    throw Error(ExitCode::kUsage, fmt::format("--target {}: expected a hit ratio in (0, 1), such as 0.6", *args.target));
  }
  ConfigRequest request;
  request.config = args.config;
  if (!args.trace.empty()) request.trace_path = std::filesystem::absolute(args.trace).lexically_normal().string();
  for (const std::string& s : args.sets) request.overrides.push_back(parse_override(s));
  const ResolvedConfig config = load_config(request);
  const SystemSpec spec = build_system_spec(config);
  const std::vector<std::uint64_t> asked =
      args.capacities.empty() ? std::vector<std::uint64_t>{} : parse_capacities(args.capacities, spec.block_bytes);

  const std::filesystem::path dir = make_results_dir(args.out, "mrc-" + spec.name);
  write_file_atomic(dir / "config.resolved.toml", config.to_toml());

  const auto reader = make_trace_reader(config.section("workload"), spec.block_tokens, spec.seed);
  MissRatioCurve curve(args.sample_rate);
  const RunControl control = terminal_control(args.quiet);
  Request r;
  // A bad trace line or Ctrl-C ends the read; the curve of what was read is still written.
  std::optional<Error> failure;
  try {
    while (reader->next(r)) {
      curve.add_request(r.blocks);
      if (control.progress && (curve.requests() & 0xFFF) == 0) {
        control.progress(Progress{curve.requests(), curve.block_accesses(), r.arrival_ns});
      }
      if (control.stop_requested()) {
        failure = Error(ExitCode::kInterrupted,
                        fmt::format("interrupted after {} requests; {} holds the curve of those", curve.requests(),
                                    dir.string()));
        break;
      }
    }
  } catch (const Error& e) {
    failure = e;
  }
  clear_progress();
  const bool complete = !failure;

  MrcReport report;
  report.system = spec.name;
  report.workload = reader->describe();
  report.block_bytes = spec.block_bytes;
  report.complete = complete;
  report.points = curve.at(asked.empty() ? ratio_capacities(curve.footprint_blocks(), args.points) : asked);
  report.system_point = curve.at(std::vector<std::uint64_t>{total_capacity_blocks(spec)}).front();
  if (args.target) {
    report.target = args.target;
    report.target_capacity_blocks = curve.capacity_for(*args.target);
  }
  write_file_atomic(dir / "mrc.csv", mrc_csv(report));
  write_file_atomic(dir / "mrc.json", mrc_json(report, curve));
  write_file_atomic(dir / "mrc.html", render_mrc_html(report, curve));
  if (!args.quiet) std::fputs(render_mrc_table(report, curve, dir.string()).c_str(), stdout);
  if (failure) throw *failure;
  return 0;
}

}  // namespace kvtier::cli
