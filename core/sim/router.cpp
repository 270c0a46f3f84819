#include "core/sim/router.h"

namespace kvtier {

std::unique_ptr<IRouter> make_router(std::string_view /*name*/, std::size_t instances) {
  // The schema admits only round_robin for now.
  return std::make_unique<RoundRobinRouter>(instances);
}

}  // namespace kvtier
