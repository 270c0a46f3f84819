// Sweeps: `--set` overrides whose values are comma lists, expanded into every
// combination.
#pragma once

#include <string>
#include <vector>

#include "core/config/config_loader.h"

namespace kvtier {

// One swept parameter: its path and the values it takes, in the order given.
struct SweepAxis {
  std::string path;
  std::vector<std::string> values;
};

// "tiers.qlc.eviction=lru,s3fifo" is an axis of two values. Commas inside [...] or quotes
// do not split, so a list can be swept too: "system.tiers=[hbm,ddr],[hbm,ddr,qlc]".
// Contract: throws Error(kUsage) for a --set without '=', an empty path or an empty
// value, and for a path given twice.
std::vector<SweepAxis> parse_sweep(const std::vector<std::string>& sets);

// Every combination, one override per axis in axis order, the first axis varying slowest.
std::vector<std::vector<Override>> expand_sweep(const std::vector<SweepAxis>& axes);

}  // namespace kvtier
