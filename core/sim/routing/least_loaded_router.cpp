#include "core/sim/routing/least_loaded_router.h"

namespace kvtier {

std::size_t LeastLoadedRouter::route(const Request& /*request*/, const IRoutingView& view) {
  std::size_t best = 0;
  std::uint64_t best_load = view.load(0);
  for (std::size_t i = 1; i < instances_ && best_load > 0; ++i) {
    const std::uint64_t l = view.load(i);
    if (l < best_load) {
      best = i;
      best_load = l;
    }
  }
  return best;
}

}  // namespace kvtier
