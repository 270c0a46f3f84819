// A whole run from a program, as `kvtier run` does it: a system and its workload (or a
// trace) simulated to the end, summarised as the text the CLI writes to summary.json.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kvtier/error.h"

namespace kvtier {

struct RunOptions {
  // A system file, or the name of a built-in system; empty: "default". Ignored when
  // config_text is set.
  std::string config;
  std::string config_text;             // a whole system in TOML, instead of a file
  std::vector<std::string> overrides;  // "path=value", as --set takes them
  std::string trace;                   // non-empty: replay this trace (Mooncake JSONL or Azure CSV)
  bool belady_bound = true;            // the optimal policy's hit ratio beside the run's (--no-bound: false)
  std::function<void(std::string_view)> log;  // warnings, one line each; may be empty
};

// Contract: throws Error (the CLI's exit code and message) on a bad configuration or a
// missing input. A run that stops early (a bad trace line, a failed read) still returns
// its summary, which then says "complete": false and why in "error".
std::string run_summary_json(const RunOptions& options);

}  // namespace kvtier
