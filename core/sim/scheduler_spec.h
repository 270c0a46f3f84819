// How an instance schedules the loading of a request's reused blocks: whether blocks in
// a deep tier are prefetched into a nearer one while the request waits (SGLang HiCache's
// L3 -> L2 prefetch), and whether loading overlaps prefill layer by layer.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "core/int128.h"
#include "kvtier/sim_time.h"

namespace kvtier {

enum class PrefetchPolicy {
  kOff,
  kBestEffort,    // the request is admitted as soon as it can be; what has landed by then is used
  kWaitComplete,  // the request waits for its whole prefetch
  kTimeout,       // ... or until base + per_1k_tokens x tokens / 1024 has passed
};

struct SchedulerSpec {
  PrefetchPolicy prefetch = PrefetchPolicy::kOff;
  std::size_t prefetch_level = 1;          // the tier prefetched into (resolved from its name)
  std::uint64_t prefetch_threshold_tokens = 256;
  SimTimeNs prefetch_timeout_base_ns = kNsPerS;
  SimTimeNs prefetch_timeout_per_1k_ns = kNsPerS / 4;
  bool layerwise = false;  // prefill of layer l starts once layer l is loaded

  // The timeout policy's wait for a prefetch of `tokens` tokens.
  SimTimeNs prefetch_timeout_ns(std::uint64_t tokens) const {
    return prefetch_timeout_base_ns +
           static_cast<SimTimeNs>((static_cast<UInt128>(prefetch_timeout_per_1k_ns) * tokens) / 1024);
  }
};

std::string_view prefetch_policy_name(PrefetchPolicy policy);
const ComponentSchema& scheduler_schema();
// The tier named by prefetch_into is resolved by the caller, who knows the tier order.
SchedulerSpec parse_scheduler(const Section& section);

}  // namespace kvtier
