#include "core/sim/routing/cache_aware_router.h"

#include <algorithm>

namespace kvtier {

std::size_t CacheAwareRouter::route(const Request& request, const IRoutingView& view) {
  std::size_t least = 0;
  std::uint64_t min_load = view.load(0);
  std::uint64_t max_load = min_load;
  for (std::size_t i = 1; i < instances_; ++i) {
    const std::uint64_t l = view.load(i);
    if (l < min_load) {
      least = i;
      min_load = l;
    }
    max_load = std::max(max_load, l);
  }
  if (max_load - min_load > params_.balance_abs &&
      static_cast<double>(max_load) > static_cast<double>(min_load) * params_.balance_rel) {
    return least;
  }
  std::size_t best = least;
  std::uint64_t best_match = 0;
  std::uint64_t best_load = min_load;
  for (std::size_t i = 0; i < instances_; ++i) {
    const std::uint64_t m = view.cached_prefix_blocks(i, request);
    const std::uint64_t l = view.load(i);
    if (m > best_match || (m == best_match && m > 0 && l < best_load)) {
      best = i;
      best_match = m;
      best_load = l;
    }
  }
  const auto n = static_cast<double>(request.blocks.size());
  return best_match > 0 && static_cast<double>(best_match) > params_.cache_threshold * n ? best : least;
}

}  // namespace kvtier
