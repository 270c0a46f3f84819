#include "core/sweep/mrc_run.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/sim/system_spec.h"
#include "core/sweep/workload_bound.h"
#include "core/units/units.h"
#include "workloads/workload_spec.h"

namespace kvtier {

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

std::vector<std::uint64_t> checked_capacities(const ResolvedConfig& config, const MrcRequest& request) {
  if (!(request.sample_rate > 0 && request.sample_rate <= 1)) {
    throw Error(ExitCode::kUsage,
                fmt::format("--sample-rate {}: expected a share in (0, 1], such as 0.01", request.sample_rate));
  }
  if (request.target && !(*request.target > 0 && *request.target < 1)) {
    throw Error(ExitCode::kUsage, fmt::format("--target {}: expected a hit ratio in (0, 1), such as 0.6", *request.target));
  }
  if (request.points == 0 || request.points > 100'000) {
    throw Error(ExitCode::kUsage, fmt::format("--points {}: expected 1 to 100000", request.points));
  }
  if (request.capacities.empty()) return {};
  return parse_capacities(request.capacities, build_system_spec(config).block_bytes);
}

MrcOutcome run_mrc(const ResolvedConfig& config, const MrcRequest& request, const RunControl& control) {
  const std::vector<std::uint64_t> asked = checked_capacities(config, request);
  const SystemSpec spec = build_system_spec(config);
  const auto reader = make_trace_reader(config.section("workload"), spec.block_tokens, spec.seed);
  MrcOutcome out{MissRatioCurve(request.sample_rate), {}, std::nullopt};
  MissRatioCurve& curve = out.curve;
  Request r;
  try {
    while (reader->next(r)) {
      curve.add_request(r.blocks);
      if (control.progress && (curve.requests() & 0xFFF) == 0) {
        control.progress(Progress{curve.requests(), curve.block_accesses(), r.arrival_ns});
      }
      if (control.stop_requested()) {
        out.failure = Error(ExitCode::kInterrupted, fmt::format("interrupted after {} requests", curve.requests()));
        break;
      }
    }
  } catch (const Error& e) {
    out.failure = e;
  }
  MrcReport& report = out.report;
  report.system = spec.name;
  report.workload = reader->describe();
  report.block_bytes = spec.block_bytes;
  report.complete = !out.failure;
  if (out.failure) report.error = out.failure->what();
  report.points = curve.at(asked.empty() ? ratio_capacities(curve.footprint_blocks(), request.points) : asked);
  report.system_point = curve.at(std::vector<std::uint64_t>{total_capacity_blocks(spec)}).front();
  if (request.target) {
    report.target = request.target;
    report.target_capacity_blocks = curve.capacity_for(*request.target);
  }
  return out;
}

}  // namespace kvtier
