#include "tiers/eviction/policy_registry.h"

#include <fmt/format.h>

#include "kvtier/error.h"
#include "tiers/eviction/lru_policy.h"

namespace kvtier {

std::vector<std::string_view> eviction_policy_names() { return {"lru"}; }

std::unique_ptr<IEvictionPolicy> make_eviction_policy(std::string_view name) {
  if (name == "lru") return std::make_unique<LruPolicy>();
  throw Error(ExitCode::kConfig, fmt::format("unknown eviction policy '{}'", name));
}

}  // namespace kvtier
