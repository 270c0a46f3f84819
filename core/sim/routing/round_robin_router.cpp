#include "core/sim/routing/round_robin_router.h"

namespace kvtier {

std::size_t RoundRobinRouter::route(const Request& /*request*/, const IRoutingView& /*view*/) {
  const std::size_t i = next_;
  next_ = next_ + 1 == instances_ ? 0 : next_ + 1;
  return i;
}

}  // namespace kvtier
