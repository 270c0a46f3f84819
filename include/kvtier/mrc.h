// A workload's LRU miss-ratio curve from a program, as `kvtier mrc` makes it: the
// workload (or a trace) read once, and the hit ratios of one LRU cache at many capacities,
// as the text the CLI writes to mrc.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvtier/error.h"

namespace kvtier {

struct MrcOptions {
  // A system file, or the name of a built-in system; empty: "default". Ignored when
  // config_text is set.
  std::string config;
  std::string config_text;             // a whole system in TOML, instead of a file
  std::vector<std::string> overrides;  // "path=value", as --set takes them
  std::string trace;                   // non-empty: this trace (Mooncake JSONL or Azure CSV)
  double sample_rate = 1.0;            // below 1: SHARDS, block hit ratios only
  std::string capacities;              // "2TiB,5000 blocks"; empty: `points` capacities
  std::uint64_t points = 10;           // in equal ratios from a thousandth of the footprint to all of it
  std::optional<double> target;        // a prefix hit ratio: the least capacity reaching it
};

// Contract: throws Error (the CLI's exit code and message) on a bad configuration, option
// or missing input. A read that stops early (a bad trace line) still returns the curve of
// what came before, which then says "complete": false.
std::string mrc_json(const MrcOptions& options);

}  // namespace kvtier
