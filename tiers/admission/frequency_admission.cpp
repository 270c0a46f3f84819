#include "tiers/admission/frequency_admission.h"

namespace kvtier {

// Brings every count up to `step` decay steps (each takes 1), forgetting those at 0.
void FrequencyAdmission::decay_to(std::int64_t step) {
  const auto steps = static_cast<std::uint64_t>(step - step_);
  step_ = step;
  for (auto it = counts_.begin(); it != counts_.end();) {
    if (it->second <= steps) {
      it = counts_.erase(it);
    } else {
      it->second -= steps;
      ++it;
    }
  }
}

bool FrequencyAdmission::admit(const BlockAccess& block, const BlockAccess* /*victim*/) {
  const std::int64_t step = block.now / decay_ns_;
  if (step > step_) decay_to(step);
  auto [it, inserted] = counts_.try_emplace(block.id, 1);
  if (!inserted) it->second *= 2;
  const bool admitted = it->second >= threshold_;
  // Too many tracked blocks: more decay steps, as KVBM's oversize handler runs.
  while (counts_.size() > max_entries_) decay_to(step_ + 1);
  return admitted;
}

}  // namespace kvtier
