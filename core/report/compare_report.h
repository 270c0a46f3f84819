// `kvtier compare`: the points of a sweep side by side, each with the gap to the Belady
// bound of its own settings, as a table, CSV and JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/report/requirement.h"
#include "core/report/summary.h"
#include "core/sweep/belady_bound.h"

namespace kvtier {

struct ComparePoint {
  std::vector<std::string> values;  // one per axis, as given on the command line
  Summary summary;
  std::optional<std::size_t> bound;  // its Belady bound, an index into Comparison::bounds
};

// The Belady bound of points with the same workload and total capacity (see
// core/sweep/belady_bound.h).
struct CompareBound {
  std::uint64_t capacity_blocks = 0;
  HitBound hits;
};

struct Comparison {
  std::vector<std::string> axes;     // the swept paths
  std::vector<ComparePoint> points;  // in sweep order (the first axis varies slowest)
  std::vector<CompareBound> bounds;
  std::vector<Requirement> requirements;  // --require: every point is judged against them
  std::size_t jobs = 1;
  double wall_s = 0;
};

enum class CompareSort {
  kHit,      // prefix hit ratio (block-weighted), highest first
  kTtft,     // mean TTFT, lowest first
  kWritten,  // bytes written below the first tier, fewest first
  kCost,     // the tiers' cost, cheapest first
  kNone,     // sweep order
};

// Point indices in report order; ties keep sweep order.
std::vector<std::size_t> compare_order(const Comparison& c, CompareSort sort);
// What of the requirements `s` falls short of, one line each (none: it meets them all).
std::vector<std::string> shortfalls(const Comparison& c, const Summary& s);
// "yes", or "no:" and what falls short; and the requirements, comma-separated, as given.
std::string meets_text(const Comparison& c, const Summary& s);
std::string requirements_text(const Comparison& c);
// "axis=value, axis=value" for a point.
std::string settings_text(const Comparison& c, const ComparePoint& p);
// The first point in report order that meets every requirement (with kCost: the cheapest).
std::optional<std::size_t> best_meeting(const Comparison& c, CompareSort sort);
// The point's Belady bound less its prefix hit ratio (block-weighted); absent without a bound.
std::optional<double> gap_to_belady(const Comparison& c, const ComparePoint& p);

std::string render_compare_table(const Comparison& c, CompareSort sort);
std::string render_compare_csv(const Comparison& c, CompareSort sort);
// Deterministic but for its "run" section.
std::string render_compare_json(const Comparison& c, CompareSort sort);

}  // namespace kvtier
