// The outputs of `kvtier mrc`: the LRU miss-ratio curve of a workload as mrc.csv, a
// versioned mrc.json (units in the field names), mrc.html (the curve as inline SVG), and a
// table for the terminal. All depend only on the curve and the inputs: the same run writes
// the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sweep/miss_ratio_curve.h"

namespace kvtier {

struct MrcReport {
  std::string system;    // the system's name
  std::string workload;  // the reader's description
  std::uint64_t block_bytes = 0;
  bool complete = true;  // false: stopped before the workload ended
  std::string error;     // why, when it stopped early
  std::vector<MrcPoint> points;  // the rows, capacities ascending
  // At all the system's tiers together (as the Belady bound takes them).
  std::optional<MrcPoint> system_point;
  std::optional<double> target;                    // a prefix hit ratio asked for
  std::optional<std::uint64_t> target_capacity_blocks;  // the least capacity reaching it, if any does
};

// `points` capacities up to the footprint (none repeated, none zero), spread evenly, or in
// equal ratios from a thousandth of it (where a workload's curve bends).
std::vector<std::uint64_t> even_capacities(std::uint64_t footprint_blocks, std::uint64_t points);
std::vector<std::uint64_t> ratio_capacities(std::uint64_t footprint_blocks, std::uint64_t points);

std::string mrc_csv(const MrcReport& r);
std::string mrc_json(const MrcReport& r, const MissRatioCurve& curve);
// The curve drawn from 200 capacities up to the footprint, the system's capacity marked.
std::string render_mrc_html(const MrcReport& r, const MissRatioCurve& curve);
std::string render_mrc_table(const MrcReport& r, const MissRatioCurve& curve, const std::string& results_dir);

}  // namespace kvtier
