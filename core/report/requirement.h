// What a comparison's points must reach (`kvtier compare --require`), so that it can name
// the best one that does: e.g. "prefix_hit>=0.6" or "ttft_p99<=200ms", with --sort cost
// the cheapest mix of tiers that meets a TTFT SLO; or a tier's transfer latency,
// "qlc.write_p99<=1s", the fewest drives whose write-back does not queue past a second.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/report/summary.h"

namespace kvtier {

struct Requirement {
  std::string metric;  // one of requirement_metrics(), after "TIER." for a tier's
  std::string tier;    // empty: the run's metric
  bool at_most = true;  // <=, else >=
  double limit = 0;    // a ratio, ns, or USD, as the metric counts
  std::string text;    // as given
};

// "prefix_hit, ..., cost_usd; per tier TIER.read_p99, ...".
std::string requirement_metrics();

// "METRIC<=LIMIT" or "METRIC>=LIMIT". Contract: throws Error(kUsage) naming the text and
// what was expected.
Requirement parse_requirement(std::string_view text);

// Why `s` falls short of `r` ("ttft_p99 240 ms > 200 ms"), or nothing when it meets it. A
// run without the metric (TTFT with timing off, a tier without transfers that way) falls
// short, as does one without the tier.
std::optional<std::string> shortfall(const Requirement& r, const Summary& s);

}  // namespace kvtier
