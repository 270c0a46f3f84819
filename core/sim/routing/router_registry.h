// The routers by name: the one place that lists them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sim/routing/cache_aware_router.h"
#include "core/sim/routing/i_router.h"

namespace kvtier {

struct RouterSpec {
  std::string name = "round_robin";
  CacheAwareParams cache_aware;
  std::size_t session_block = 1;
};

const std::vector<std::string_view>& router_names();
std::unique_ptr<IRouter> make_router(const RouterSpec& spec, std::size_t instances);

}  // namespace kvtier
