#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <thread>
#include <unistd.h>

#include "apps/commands.h"
#include "apps/mpi_farm.h"
#include "apps/terminal.h"
#include "core/config/config_loader.h"
#include "core/report/compare_html.h"
#include "core/report/compare_report.h"
#include "core/report/html_report.h"
#include "core/report/prometheus_text.h"
#include "core/report/results_dir.h"
#include "core/report/summary_json.h"
#include "core/sim/simulation.h"
#include "core/sweep/result_codec.h"
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
  if (s == "cost") return CompareSort::kCost;
  if (s == "none") return CompareSort::kNone;
  throw Error(ExitCode::kUsage, fmt::format("--sort '{}': choose hit, ttft, written, cost or none", s));
}

// What a bound depends on: the workload as configured (the first point's with it), and
// the capacity.
struct BoundInput {
  std::size_t point;
  std::uint64_t block_tokens;
  std::uint64_t seed;
};

// Everything a comparison runs, worked out the same way wherever its runs happen: the
// points' configurations, and the distinct bounds they need.
struct Plan {
  std::vector<SweepAxis> axes;
  std::vector<std::vector<Override>> points;
  std::vector<ResolvedConfig> configs;
  std::vector<SystemSpec> specs;
  std::vector<CompareBound> bounds;
  std::vector<BoundInput> bound_inputs;
  std::vector<std::optional<std::size_t>> bound_of;  // per point
  std::size_t tasks() const { return points.size() + bound_inputs.size(); }
};

// Contract: every configuration is checked before anything runs; an error names its point.
Plan make_plan(const CompareArgs& args) {
  Plan plan;
  plan.axes = parse_sweep(args.sets);
  plan.points = expand_sweep(plan.axes);
  if (plan.points.size() > 100'000) {
    throw Error(ExitCode::kUsage, fmt::format("the sweep has {} points; at most 100000", plan.points.size()));
  }
  ConfigRequest base;
  base.config = args.config;
  if (!args.trace.empty()) base.trace_path = std::filesystem::absolute(args.trace).lexically_normal().string();
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    ConfigRequest request = base;
    request.overrides = plan.points[i];
    try {
      plan.configs.push_back(load_config(request));
      plan.specs.push_back(build_system_spec(plan.configs.back()));
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("point {} ({}): {}", i + 1, describe(plan.points[i]), e.what()));
    }
  }
  plan.bound_of.resize(plan.points.size());
  if (!args.no_bound) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
      const std::uint64_t capacity = total_capacity_blocks(plan.specs[i]);
      const std::string key = fmt::format("{}\n{} {} {}", plan.configs[i].section("workload").to_toml(),
                                          plan.specs[i].block_tokens, plan.specs[i].seed, capacity);
      const auto [it, fresh] = seen.emplace(key, plan.bounds.size());
      if (fresh) {
        plan.bounds.push_back(CompareBound{capacity, {}});
        plan.bound_inputs.push_back(BoundInput{i, plan.specs[i].block_tokens, plan.specs[i].seed});
      }
      plan.bound_of[i] = it->second;
    }
  }
  return plan;
}

// Task t: point t's run, or (past the points) a bound; its result as bytes, so that it
// can come from another process.
std::string run_task(const Plan& plan, std::size_t t, const RunControl& control) {
  if (t < plan.points.size()) return encode_result(simulate(plan.configs[t], control));
  const std::size_t b = t - plan.points.size();
  const BoundInput& in = plan.bound_inputs[b];
  return encode_bound(
      workload_bound(plan.configs[in.point].section("workload"), in.block_tokens, in.seed, plan.bounds[b].capacity_blocks));
}

// A requirement on a tier names one that every point has: a misspelt tier would leave every
// point short of it, after all the runs.
void check_tiers(const std::vector<Requirement>& requirements, const std::vector<SystemSpec>& specs) {
  for (const Requirement& r : requirements) {
    if (r.tier.empty()) continue;
    for (const SystemSpec& spec : specs) {
      const auto named = [&r](const TierSpec& t) { return t.name == r.tier; };
      if (std::any_of(spec.tiers.begin(), spec.tiers.end(), named)) continue;
      std::string names;
      for (const TierSpec& t : spec.tiers) names += (names.empty() ? "" : ", ") + t.name;
      throw Error(ExitCode::kUsage,
                  fmt::format("--require '{}': the system has no tier '{}' (its tiers: {})", r.text, r.tier, names));
    }
  }
}

// Rank 0 of an MPI farm, or the only process: runs the plan's tasks and writes the outputs.
int compare_points(const CompareArgs& args, MpiFarm* farm) {
  const CompareSort sort = parse_sort(args.sort);
  const Plan plan = make_plan(args);
  Comparison comparison;
  for (const SweepAxis& a : plan.axes) comparison.axes.push_back(a.path);
  comparison.bounds = plan.bounds;
  for (const std::string& r : args.require) comparison.requirements.push_back(parse_requirement(r));
  check_tiers(comparison.requirements, plan.specs);

  const std::size_t jobs = args.jobs > 0 ? args.jobs : std::max(1U, std::thread::hardware_concurrency());
  const std::string name = plan.specs.front().name;
  const std::filesystem::path dir = make_results_dir(args.out, "compare-" + name);
  const RunControl control = terminal_control(args.quiet);
  const bool show = !args.quiet && isatty(STDERR_FILENO) == 1;
  RunControl quiet_control;  // runs share the stop flag; warnings would interleave
  quiet_control.stop = control.stop;

  const auto started = std::chrono::steady_clock::now();
  const auto task = [&](std::size_t t) { return run_task(plan, t, quiet_control); };
  const auto progress = [show](std::size_t done, std::size_t total) {
    if (show) std::fprintf(stderr, "\r[kvtier] %zu of %zu runs done   ", done, total);
  };
  std::vector<std::string> bytes(plan.tasks());
#ifdef KVTIER_HAS_MPI
  if (farm != nullptr) bytes = farm->run(plan.tasks(), jobs, task, progress);
#endif
  if (farm == nullptr) run_parallel(plan.tasks(), jobs, [&](std::size_t t) { bytes[t] = task(t); }, progress);
  if (show) std::fprintf(stderr, "\r\033[K");
  comparison.jobs = farm != nullptr && farm->workers() > 0 ? static_cast<std::size_t>(farm->workers()) : jobs;
  comparison.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<SimulationResult> results;
  for (std::size_t i = 0; i < plan.points.size(); ++i) results.push_back(decode_result(bytes[i]));
  for (std::size_t b = 0; b < plan.bounds.size(); ++b) {
    comparison.bounds[b].hits = decode_bound(bytes[plan.points.size() + b]);
  }

  // Each run's configuration and summary, then the comparison: any point can be rerun alone.
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    std::vector<std::string> values;
    for (const Override& o : plan.points[i]) values.push_back(o.value);
    if (plan.bound_of[i]) {
      const CompareBound& b = comparison.bounds[*plan.bound_of[i]];
      results[i].summary.belady = BeladySummary{b.capacity_blocks, b.hits.accesses, b.hits.hits};
    }
    comparison.points.push_back(ComparePoint{values, results[i].summary, plan.bound_of[i]});
    const std::filesystem::path sub = dir / "points" / fmt::format("{:03}", i);
    std::filesystem::create_directories(sub);
    write_file_atomic(sub / "config.resolved.toml", plan.configs[i].to_toml());
    write_file_atomic(sub / "summary.json", render_summary_json(results[i].summary));
    write_file_atomic(sub / "metrics.prom", prometheus_text(summary_json(results[i].summary, false)));
    write_file_atomic(sub / "report.html", render_report_html(results[i].summary, nullptr, nullptr));
  }
  write_file_atomic(dir / "compare.csv", render_compare_csv(comparison, sort));
  write_file_atomic(dir / "compare.json", render_compare_json(comparison, sort));
  write_file_atomic(dir / "compare.html", render_compare_html(comparison, sort));
  if (!args.quiet) {
    const std::string where = farm != nullptr && farm->workers() > 0 ? fmt::format("{} MPI ranks", farm->workers())
                                                                     : fmt::format("{} jobs", jobs);
    std::printf("compare: %s, %s\n%zu points, %s, %.2f s wall\n\n", name.c_str(),
                results.front().summary.workload.c_str(), plan.points.size(), where.c_str(), comparison.wall_s);
    std::fputs(render_compare_table(comparison, sort).c_str(), stdout);
    std::printf("\nresults: %s/ (compare.csv, compare.json, compare.html, points/<n>/)\n", dir.string().c_str());
  }
  for (const SimulationResult& r : results) {
    if (r.failure) throw *r.failure;
  }
  return 0;
}
}  // namespace

int compare_command(const CompareArgs& args) {
  if (!args.mpi) return compare_points(args, nullptr);
#ifdef KVTIER_HAS_MPI
  MpiFarm farm;
  if (farm.is_master()) return compare_points(args, &farm);
  // A worker plans as rank 0 did (it succeeded there), once its first task arrives.
  std::optional<Plan> plan;
  farm.serve([&](std::size_t t) {
    if (!plan) plan.emplace(make_plan(args));
    return run_task(*plan, t, RunControl{});
  });
  return 0;
#else
  throw Error(ExitCode::kUnavailable, "--mpi: this kvtier was built without MPI (configure with -DKVTIER_MPI=ON)");
#endif
}

}  // namespace kvtier::cli
