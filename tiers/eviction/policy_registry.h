// Eviction policies by name. Registration is this explicit table: a policy is one file
// plus one line here, and the hierarchy never changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tiers/eviction/eviction_params.h"
#include "tiers/eviction/i_eviction_policy.h"

namespace kvtier {

std::vector<std::string_view> eviction_policy_names();
// Contract: `name` is one of eviction_policy_names() (the schema checks it first);
// `capacity_blocks` is the tier copy's capacity (some policies size their parts by it).
std::unique_ptr<IEvictionPolicy> make_eviction_policy(std::string_view name, const EvictionParams& params,
                                                      std::uint64_t capacity_blocks);

}  // namespace kvtier
