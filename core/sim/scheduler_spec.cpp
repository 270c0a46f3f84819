#include "core/sim/scheduler_spec.h"

namespace kvtier {

std::string_view prefetch_policy_name(PrefetchPolicy policy) {
  switch (policy) {
    case PrefetchPolicy::kBestEffort: return "best_effort";
    case PrefetchPolicy::kWaitComplete: return "wait_complete";
    case PrefetchPolicy::kTimeout: return "timeout";
    case PrefetchPolicy::kOff: break;
  }
  return "off";
}

const ComponentSchema& scheduler_schema() {
  static const ComponentSchema schema{
      "scheduler",
      "scheduler",
      "",
      "How each instance loads a request's reused blocks: prefetch while it waits, and layer-wise overlap with "
      "prefill (timing modelled only).",
      {
          {"prefetch", ParamType::kEnum, "", "\"off\"",
           "on arrival, copy the request's prefix blocks found below prefetch_into up into it; the request is "
           "admitted at once (best_effort), when the copy is done (wait_complete), or at the latest after the timeout",
           "SGLang HiCache storage prefetch policies", {"off", "best_effort", "wait_complete", "timeout"}},
          {"prefetch_into", ParamType::kString, "", "\"\"",
           "the tier prefetched into (empty: the second tier)", "SGLang HiCache: host memory (L2)"},
          {"prefetch_threshold", ParamType::kInt, "tokens", "256",
           "prefetch only when at least this many prefix tokens sit below prefetch_into",
           "SGLang HiCache prefetch_threshold default", {}, 0, 1e12},
          {"prefetch_timeout_base", ParamType::kTime, "", "\"1s\"", "timeout: the fixed part of the wait",
           "SGLang HiCache prefetch_timeout_base default", {}, 0, 1e300, "prefetch=timeout"},
          {"prefetch_timeout_per_1k", ParamType::kTime, "", "\"250ms\"",
           "timeout: the wait added per 1024 tokens prefetched",
           "SGLang HiCache prefetch_timeout_per_ki_token default", {}, 0, 1e300, "prefetch=timeout"},
          {"layerwise", ParamType::kBool, "", "false",
           "prefill starts when the first layer's KV has loaded, each layer waiting for its own (loads split evenly "
           "over the model's layers)",
           "LMCache layerwise pipelining, SGLang HiCache L2 -> L1"},
      }};
  return schema;
}

SchedulerSpec parse_scheduler(const Section& s) {
  SchedulerSpec spec;
  const std::string& policy = s.get_string("prefetch");
  for (const PrefetchPolicy p :
       {PrefetchPolicy::kBestEffort, PrefetchPolicy::kWaitComplete, PrefetchPolicy::kTimeout}) {
    if (policy == prefetch_policy_name(p)) spec.prefetch = p;
  }
  spec.prefetch_threshold_tokens = static_cast<std::uint64_t>(s.get_int("prefetch_threshold"));
  if (spec.prefetch == PrefetchPolicy::kTimeout) {
    spec.prefetch_timeout_base_ns = s.get_time("prefetch_timeout_base");
    spec.prefetch_timeout_per_1k_ns = s.get_time("prefetch_timeout_per_1k");
  }
  spec.layerwise = s.get_bool("layerwise");
  return spec;
}

}  // namespace kvtier
