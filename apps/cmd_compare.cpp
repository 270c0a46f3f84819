#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <thread>
#include <unistd.h>

#include "apps/commands.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/compare_html.h"
#include "core/report/compare_report.h"
#include "core/report/html_report.h"
#include "core/report/prometheus_text.h"
#include "core/report/results_dir.h"
#include "core/report/summary_json.h"
#include "core/sim/simulation.h"
#include "core/sweep/workload_bound.h"
#include "core/sweep/sweep.h"
#include "core/sweep/sweep_runner.h"
#include "kvtier/error.h"

namespace kvtier::cli {

namespace {
std::string describe(const std::vector<Override>& overrides) {
  std::string out;
  for (const Override& o : overrides) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}={}", o.path, o.value);
  }
  return out.empty() ? "the configuration as given" : out;
}

CompareSort parse_sort(const std::string& s) {
  if (s == "hit") return CompareSort::kHit;
  if (s == "ttft") return CompareSort::kTtft;
  if (s == "written") return CompareSort::kWritten;
  if (s == "none") return CompareSort::kNone;
  throw Error(ExitCode::kUsage, fmt::format("--sort '{}': choose hit, ttft, written or none", s));
}

// What a bound depends on: the workload as configured, and the capacity.
struct BoundInput {
  const ResolvedConfig* config;
  std::uint64_t block_tokens;
  std::uint64_t seed;
};
}  // namespace

int compare_command(const CompareArgs& args) {
  const CompareSort sort = parse_sort(args.sort);
  const std::vector<SweepAxis> axes = parse_sweep(args.sets);
  const std::vector<std::vector<Override>> points = expand_sweep(axes);
  if (points.size() > 100'000) {
    throw Error(ExitCode::kUsage, fmt::format("the sweep has {} points; at most 100000", points.size()));
  }
  ConfigRequest base;
  base.config = args.config;
  if (!args.trace.empty()) base.trace_path = std::filesystem::absolute(args.trace).lexically_normal().string();

  // Every configuration is checked before anything runs; an error names its point.
  std::vector<ResolvedConfig> configs;
  std::vector<SystemSpec> specs;
  configs.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    ConfigRequest request = base;
    request.overrides = points[i];
    try {
      configs.push_back(load_config(request));
      specs.push_back(build_system_spec(configs.back()));
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("point {} ({}): {}", i + 1, describe(points[i]), e.what()));
    }
  }

  Comparison comparison;
  for (const SweepAxis& a : axes) comparison.axes.push_back(a.path);
  std::vector<BoundInput> bound_inputs;
  std::vector<std::optional<std::size_t>> bound_of(points.size());
  if (!args.no_bound) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::uint64_t capacity = total_capacity_blocks(specs[i]);
      const std::string key = fmt::format("{}\n{} {} {}", configs[i].section("workload").to_toml(),
                                          specs[i].block_tokens, specs[i].seed, capacity);
      const auto [it, fresh] = seen.emplace(key, comparison.bounds.size());
      if (fresh) {
        comparison.bounds.push_back(CompareBound{capacity, {}});
        bound_inputs.push_back(BoundInput{&configs[i], specs[i].block_tokens, specs[i].seed});
      }
      bound_of[i] = it->second;
    }
  }

  const std::size_t jobs = args.jobs > 0 ? args.jobs : std::max(1U, std::thread::hardware_concurrency());
  const std::string name = specs.front().name;
  const std::filesystem::path dir = make_results_dir(args.out, "compare-" + name);
  const RunControl control = terminal_control(args.quiet);
  const bool show = !args.quiet && isatty(STDERR_FILENO) == 1;
  RunControl quiet_control;  // runs share the stop flag; warnings would interleave
  quiet_control.stop = control.stop;

  std::vector<std::optional<SimulationResult>> results(points.size());
  const auto started = std::chrono::steady_clock::now();
  run_parallel(
      points.size() + bound_inputs.size(), jobs,
      [&](std::size_t t) {
        if (t < points.size()) {
          results[t] = simulate(configs[t], quiet_control);
          return;
        }
        const std::size_t b = t - points.size();
        const BoundInput& in = bound_inputs[b];
        comparison.bounds[b].hits = workload_bound(in.config->section("workload"), in.block_tokens, in.seed,
                                                   comparison.bounds[b].capacity_blocks);
      },
      [show](std::size_t done, std::size_t total) {
        if (show) std::fprintf(stderr, "\r[kvtier] %zu of %zu runs done   ", done, total);
      });
  if (show) std::fprintf(stderr, "\r\033[K");
  comparison.jobs = jobs;
  comparison.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // Each run's configuration and summary, then the comparison: any point can be rerun alone.
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<std::string> values;
    for (const Override& o : points[i]) values.push_back(o.value);
    if (bound_of[i]) {
      const CompareBound& b = comparison.bounds[*bound_of[i]];
      results[i]->summary.belady = BeladySummary{b.capacity_blocks, b.hits.accesses, b.hits.hits};
    }
    comparison.points.push_back(ComparePoint{values, results[i]->summary, bound_of[i]});
    const std::filesystem::path sub = dir / "points" / fmt::format("{:03}", i);
    std::filesystem::create_directories(sub);
    write_file_atomic(sub / "config.resolved.toml", configs[i].to_toml());
    write_file_atomic(sub / "summary.json", render_summary_json(results[i]->summary));
    write_file_atomic(sub / "metrics.prom", prometheus_text(summary_json(results[i]->summary, false)));
    write_file_atomic(sub / "report.html", render_report_html(results[i]->summary, nullptr, nullptr));
  }
  write_file_atomic(dir / "compare.csv", render_compare_csv(comparison, sort));
  write_file_atomic(dir / "compare.json", render_compare_json(comparison, sort));
  write_file_atomic(dir / "compare.html", render_compare_html(comparison, sort));
  if (!args.quiet) {
    std::printf("compare: %s, %s\n%zu points, %zu jobs, %.2f s wall\n\n", name.c_str(),
                results.front()->summary.workload.c_str(), points.size(), jobs, comparison.wall_s);
    std::fputs(render_compare_table(comparison, sort).c_str(), stdout);
    std::printf("\nresults: %s/ (compare.csv, compare.json, compare.html, points/<n>/)\n", dir.string().c_str());
  }
  for (const std::optional<SimulationResult>& r : results) {
    if (r->failure) throw *r->failure;
  }
  return 0;
}

}  // namespace kvtier::cli
