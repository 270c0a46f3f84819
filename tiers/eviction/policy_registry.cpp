#include "tiers/eviction/policy_registry.h"

#include <fmt/format.h>

#include "kvtier/error.h"
#include "tiers/eviction/arc_policy.h"
#include "tiers/eviction/belady_policy.h"
#include "tiers/eviction/fifo_policy.h"
#include "tiers/eviction/length_aware_policy.h"
#include "tiers/eviction/lfu_policy.h"
#include "tiers/eviction/lru_policy.h"
#include "tiers/eviction/s3fifo_policy.h"
#include "tiers/eviction/sieve_policy.h"
#include "tiers/eviction/slru_policy.h"
#include "tiers/eviction/tail_first_policy.h"
#include "tiers/eviction/ttl_policy.h"
#include "tiers/eviction/two_q_policy.h"

namespace kvtier {

std::vector<std::string_view> eviction_policy_names() {
  return {"lru", "fifo", "lfu", "arc", "s3fifo", "sieve", "slru", "2q", "length_aware", "tail_first", "ttl", "belady"};
}

std::unique_ptr<IEvictionPolicy> make_eviction_policy(std::string_view name, const EvictionParams& p,
                                                      std::uint64_t capacity_blocks) {
  if (name == "lru") return std::make_unique<LruPolicy>();
  if (name == "fifo") return std::make_unique<FifoPolicy>();
  if (name == "lfu") return std::make_unique<LfuPolicy>(p.lfu_aging);
  if (name == "arc") return std::make_unique<ArcPolicy>(capacity_blocks);
  if (name == "s3fifo") return std::make_unique<S3FifoPolicy>(capacity_blocks, p.s3fifo_small, p.s3fifo_move_threshold);
  if (name == "sieve") return std::make_unique<SievePolicy>();
  if (name == "slru") return std::make_unique<SlruPolicy>(capacity_blocks, p.slru_segments, p.slru_protected);
  if (name == "2q") return std::make_unique<TwoQPolicy>(capacity_blocks, p.twoq_kin, p.twoq_kout);
  if (name == "length_aware") return std::make_unique<LengthAwarePolicy>();
  if (name == "tail_first") return std::make_unique<TailFirstPolicy>();
  if (name == "ttl") return std::make_unique<TtlPolicy>(p.ttl_ns);
  if (name == "belady") return std::make_unique<BeladyPolicy>();
  throw Error(ExitCode::kConfig, fmt::format("unknown eviction policy '{}'", name));
}

}  // namespace kvtier
