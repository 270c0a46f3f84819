#include "tiers/admission/admission_registry.h"

#include "tiers/admission/frequency_admission.h"
#include "tiers/admission/reuse_admission.h"
#include "tiers/admission/reuse_time_admission.h"
#include "tiers/admission/tinylfu_admission.h"

namespace kvtier {

std::vector<std::string_view> admission_policy_names() { return {"all", "frequency", "reuse", "tinylfu", "reuse_time"}; }

std::unique_ptr<IAdmissionPolicy> make_admission_policy(std::string_view name, const AdmissionParams& p,
                                                        std::uint64_t capacity_blocks) {
  if (name == "frequency") return std::make_unique<FrequencyAdmission>(p);
  if (name == "reuse") return std::make_unique<ReuseAdmission>(p);
  if (name == "tinylfu") return std::make_unique<TinyLfuAdmission>(p, capacity_blocks);
  if (name == "reuse_time") return std::make_unique<ReuseTimeAdmission>(p, capacity_blocks);
  return nullptr;
}

}  // namespace kvtier
