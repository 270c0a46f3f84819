#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <spdlog/spdlog.h>

#include "apps/commands.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/html_report.h"
#include "core/report/prometheus_text.h"
#include "core/report/request_log.h"
#include "core/report/results_dir.h"
#include "core/report/summary_json.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "core/sweep/workload_bound.h"
#include "core/units/units.h"
#include "tiers/backing/block_directory.h"
#include "kvtier/error.h"

namespace kvtier::cli {

namespace {
// "1/64" or a decimal such as 0.015625.
double parse_scale(const std::string& text) {
  const auto fail = [&]() -> double {
    throw Error(ExitCode::kUsage, fmt::format("--backing-scale '{}': expected a share in (0, 1] such as 1/64 or 0.25", text));
  };
  try {
    std::size_t used = 0;
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
      const double v = std::stod(text, &used);
      if (used != text.size() || !(v > 0 && v <= 1)) fail();
      return v;
    }
    const double num = std::stod(text.substr(0, slash), &used);
    if (used != slash) fail();
    const std::string rest = text.substr(slash + 1);
    const double den = std::stod(rest, &used);
    if (used != rest.size() || !(den > 0) || !(num > 0) || num > den) fail();
    return num / den;
  } catch (const std::logic_error&) {
    return fail();
  }
}

AckLevel parse_ack(const std::string& text) {
  if (text == "accepted") return AckLevel::kAccepted;
  if (text == "written") return AckLevel::kWritten;
  return AckLevel::kDurable;
}

BackingOptions backing_options(const RunArgs& args, const std::filesystem::path& results) {
  BackingOptions b;
  b.dir = args.backing_dir.empty() ? (results / "backing").string()
                                   : std::filesystem::absolute(args.backing_dir).lexically_normal().string();
  b.scale = parse_scale(args.backing_scale);
  b.ack = parse_ack(args.ack);
  try {
    const units::Size cap = units::parse_size(args.ram_cap);
    if (cap.in_blocks) throw units::UnitError("a size in bytes, not blocks");
    b.ram_cap_bytes = cap.value;
  } catch (const units::UnitError& e) {
    throw Error(ExitCode::kUsage, fmt::format("--backing-ram-cap '{}': {}", args.ram_cap, e.what()));
  }
  b.queue_depth = args.queue_depth;
  b.direct = !args.buffered;
  b.ack_log = args.ack_log;
  b.measured_timing = args.timing == "measured";
  b.resume = !args.resume.empty();
  return b;
}
}  // namespace

int run_command(const RunArgs& given) {
  RunArgs args = given;
  if (!args.resume.empty()) {
    // The run is made again where it was, from what it used, on what it left.
    const std::filesystem::path earlier = std::filesystem::absolute(args.resume).lexically_normal();
    if (!std::filesystem::exists(earlier / "config.resolved.toml")) {
      throw Error(ExitCode::kNoInput, fmt::format("--resume {}: not a results directory (no config.resolved.toml)", args.resume));
    }
    if (args.config.empty()) args.config = (earlier / "config.resolved.toml").string();
    if (args.out.empty()) args.out = earlier.string();
    if (args.backing_dir.empty()) args.backing_dir = (earlier / "backing").string();
    args.backing = "real";
    // Unless given again, the scale and ack level are the earlier run's.
    const BlockDirectory directory(directory_path(args.backing_dir), false);
    if (const auto scale = directory.meta("scale"); scale && given.backing_scale == RunArgs{}.backing_scale) {
      args.backing_scale = *scale;
    }
    if (const auto ack = directory.meta("ack"); ack && given.ack == RunArgs{}.ack) args.ack = *ack;
  }
  if (args.timing == "measured" && args.backing != "real") {
    throw Error(ExitCode::kUsage, "--timing measured: needs --backing real (real I/Os to measure)");
  }
  SimTimeNs interval = 0;
  if (!args.timeseries.empty()) {
    try {
      interval = units::parse_time(args.timeseries);
    } catch (const units::UnitError& e) {
      throw Error(ExitCode::kUsage, fmt::format("--timeseries '{}': {}", args.timeseries, e.what()));
    }
    if (interval <= 0) throw Error(ExitCode::kUsage, fmt::format("--timeseries '{}': must be above 0", args.timeseries));
  }
  const ResolvedConfig config = load_system(args.config, "", args.sets, args.trace);

  const std::filesystem::path dir = make_results_dir(args.out, config.section("system").get_string("name"));
  // The resolved configuration goes first, so even a run that fails says what it ran.
  write_file_atomic(dir / "config.resolved.toml", config.to_toml());

  const SystemSpec spec = build_system_spec(config);
  RunControl control = terminal_control(args.quiet);
  std::optional<RequestLog> log;
  if (args.requests_csv) {
    std::vector<std::string> tier_names;
    for (const TierSpec& t : spec.tiers) tier_names.push_back(t.name);
    log.emplace(dir / "requests.csv", tier_names);
    control.request_done = [&log](const RequestRecord& r) { log->add(r); };
  }
  const std::optional<BackingOptions> backing =
      args.backing == "real" ? std::optional(backing_options(args, dir)) : std::nullopt;
  std::optional<TimeSeriesOptions> series;
  if (!args.timeseries.empty()) series = TimeSeriesOptions{(dir / "timeseries.csv").string(), interval};
  SimulationResult result = simulate(config, control, backing ? &*backing : nullptr, series ? &*series : nullptr);
  std::optional<MissRatioCurve> curve;
  if (!result.failure && !args.no_bound) {
    const std::uint64_t capacity = total_capacity_blocks(spec);
    const HitBound bound = workload_bound(config.section("workload"), spec.block_tokens, spec.seed, capacity);
    result.summary.belady = BeladySummary{capacity, bound.accesses, bound.hits};
    curve = workload_curve(config.section("workload"), spec.block_tokens, spec.seed);
  }
  clear_progress();
  write_file_atomic(dir / "summary.json", render_summary_json(result.summary));
  write_file_atomic(dir / "metrics.prom", prometheus_text(summary_json(result.summary, false)));
  {
    std::vector<std::string> tier_names;
    for (const TierSummary& t : result.summary.tiers) tier_names.push_back(t.name);
    const auto traffic = series ? read_tier_traffic(dir / "timeseries.csv", tier_names) : std::nullopt;
    write_file_atomic(dir / "report.html", render_report_html(result.summary, traffic ? &*traffic : nullptr, curve ? &*curve : nullptr));
  }
  if (!args.quiet) std::fputs(render_summary_table(result.summary, dir.string()).c_str(), stdout);
  if (log) log->close();  // the requests done before a failure are kept
  if (result.failure) throw *result.failure;
  return 0;
}

}  // namespace kvtier::cli
