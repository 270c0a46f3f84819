// Cache aware, as SGLang's router does it (sgl-router cache_aware policy, defaults
// cache_threshold 0.5, balance_abs_threshold 32, balance_rel_threshold 1.0001):
//  1. when loads are out of balance (max - min > balance_abs and max > min x balance_rel),
//     the least loaded instance;
//  2. otherwise the instance holding the longest prefix of the request, if that prefix is
//     more than cache_threshold of its blocks (ties: less loaded, then lower index);
//  3. otherwise the least loaded.
// SGLang matches against a tree of the text it has routed; kvtier reads what each
// instance's own tiers really hold, so the match is exact rather than approximate.
#pragma once

#include "core/sim/routing/i_router.h"

namespace kvtier {

struct CacheAwareParams {
  double cache_threshold = 0.5;
  std::uint64_t balance_abs = 32;
  double balance_rel = 1.0001;
};

class CacheAwareRouter final : public IRouter {
 public:
  CacheAwareRouter(std::size_t instances, CacheAwareParams params) : instances_(instances), params_(params) {}
  std::size_t route(const Request& request, const IRoutingView& view) override;
  bool reads_view() const override { return true; }

 private:
  std::size_t instances_;
  CacheAwareParams params_;
};

}  // namespace kvtier
