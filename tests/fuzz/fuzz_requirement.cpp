// libFuzzer: any bytes as `compare --require` text. Parsing must succeed or throw Error
// (kUsage); what parses names a known metric, has a finite limit of at least 0 (at most 1
// for a ratio), and is judged on a summary without throwing, with and without its tier.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/report/requirement.h"
#include "kvtier/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kvtier;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const Requirement r = parse_requirement(text);
    if (!std::isfinite(r.limit) || r.limit < 0) std::abort();
    if (requirement_metrics().find(r.metric) == std::string::npos || r.metric.empty()) std::abort();
    if (r.metric.find("hit") != std::string::npos && r.limit > 1) std::abort();
    Summary s;
    (void)shortfall(r, s);
    s.ttft = LatencySummary{};
    TierSummary t;
    t.name = r.tier;
    s.tiers.push_back(t);
    (void)shortfall(r, s);
    s.tiers.back().read_latency = s.tiers.back().write_latency = LatencySummary{};
    (void)shortfall(r, s);
  } catch (const Error& e) {
    if (e.code() != ExitCode::kUsage) std::abort();
  }
  return 0;
}
