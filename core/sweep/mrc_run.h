// `kvtier mrc`'s work, for the CLI and for programs (kvtier/mrc.h): the workload read
// once into its LRU miss-ratio curve, and the rows that report it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_loader.h"
#include "core/report/mrc_report.h"
#include "core/sim/run_control.h"
#include "core/sweep/miss_ratio_curve.h"
#include "kvtier/error.h"

namespace kvtier {

struct MrcRequest {
  double sample_rate = 1.0;    // below 1: SHARDS
  std::string capacities;      // "2TiB,5000 blocks"; empty: `points` in equal ratios
  std::uint64_t points = 10;
  std::optional<double> target;  // a prefix hit ratio
};

struct MrcOutcome {
  MissRatioCurve curve;
  MrcReport report;
  // A bad trace line, or a stop request: the curve and report hold what was read before.
  std::optional<Error> failure;
};

// The capacities asked for, in blocks (empty: `points` in equal ratios). Contract: throws
// Error(kUsage) for a rate, target, point count or capacity list out of range.
std::vector<std::uint64_t> checked_capacities(const ResolvedConfig& config, const MrcRequest& request);

// Contract: checks the request first, as checked_capacities; reading errors end up in
// `failure`.
MrcOutcome run_mrc(const ResolvedConfig& config, const MrcRequest& request, const RunControl& control);

}  // namespace kvtier
