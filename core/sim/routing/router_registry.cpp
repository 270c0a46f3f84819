#include "core/sim/routing/router_registry.h"

#include "core/sim/routing/least_loaded_router.h"
#include "core/sim/routing/round_robin_router.h"
#include "core/sim/routing/session_router.h"

namespace kvtier {

const std::vector<std::string_view>& router_names() {
  static const std::vector<std::string_view> names{"round_robin", "least_loaded", "cache_aware", "session"};
  return names;
}

// Contract: spec.name is one of router_names() (the schema checked it).
std::unique_ptr<IRouter> make_router(const RouterSpec& spec, std::size_t instances) {
  if (spec.name == "least_loaded") return std::make_unique<LeastLoadedRouter>(instances);
  if (spec.name == "cache_aware") return std::make_unique<CacheAwareRouter>(instances, spec.cache_aware);
  if (spec.name == "session") return std::make_unique<SessionRouter>(instances, spec.session_block);
  return std::make_unique<RoundRobinRouter>(instances);
}

}  // namespace kvtier
