// Admission policies by name, an explicit table like the eviction policies'.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tiers/admission/admission_params.h"
#include "tiers/admission/i_admission_policy.h"

namespace kvtier {

std::vector<std::string_view> admission_policy_names();
// Returns null for "all" (admit everything: no policy object, no cost).
// Contract: `name` is one of admission_policy_names().
std::unique_ptr<IAdmissionPolicy> make_admission_policy(std::string_view name, const AdmissionParams& params,
                                                        std::uint64_t capacity_blocks);

}  // namespace kvtier
