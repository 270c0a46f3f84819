#include "core/sim/routing/session_router.h"

#include <algorithm>

#include "core/rng/rng.h"

namespace kvtier {

std::size_t SessionRouter::route(const Request& request, const IRoutingView& /*view*/) {
  std::uint64_t key = request.session;
  if (key == kNoSession) {
    if (request.blocks.empty()) return static_cast<std::size_t>(request.index % instances_);
    key = request.blocks[std::min(session_block_, request.blocks.size() - 1)];
  }
  return static_cast<std::size_t>(mix64(key) % instances_);
}

}  // namespace kvtier
