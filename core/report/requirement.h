// What a comparison's points must reach (`kvtier compare --require`), so that it can name
// the best one that does: e.g. "prefix_hit>=0.6" or "ttft_p99<=200ms", with --sort cost
// the cheapest mix of tiers that meets a TTFT SLO.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/report/summary.h"

namespace kvtier {

struct Requirement {
  std::string metric;  // one of requirement_metrics()
  bool at_most = true;  // <=, else >=
  double limit = 0;    // a ratio, ns, or USD, as the metric counts
  std::string text;    // as given
};

// "prefix_hit, request_prefix_hit, block_hit (ratios: 0.6 or 60%), ttft_mean, ttft_p50,
// ttft_p90, ttft_p99 (times: 200ms), cost_usd".
std::string requirement_metrics();

// "METRIC<=LIMIT" or "METRIC>=LIMIT". Contract: throws Error(kUsage) naming the text and
// what was expected.
Requirement parse_requirement(std::string_view text);

// Why `s` falls short of `r` ("ttft_p99 240 ms > 200 ms"), or nothing when it meets it. A
// run without the metric (TTFT with timing off) falls short.
std::optional<std::string> shortfall(const Requirement& r, const Summary& s);

}  // namespace kvtier
