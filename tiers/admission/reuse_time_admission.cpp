#include "tiers/admission/reuse_time_admission.h"

namespace kvtier {

void ReuseTimeAdmission::on_access(const BlockAccess& access) {
  auto [it, inserted] = seen_.try_emplace(access.id, Seen{access.now, -1});
  if (!inserted) {
    it->second.gap = access.now - it->second.last;
    it->second.last = access.now;
  }
}

bool ReuseTimeAdmission::admit(const BlockAccess& block, const BlockAccess* /*victim*/) {
  bool admitted = true;
  if (admitted_ >= capacity_ && block.now > first_admit_) {
    const double rate = static_cast<double>(admitted_) / static_cast<double>(block.now - first_admit_);
    const double residency_ns = static_cast<double>(capacity_) / rate;
    const auto it = seen_.find(block.id);
    admitted = it != seen_.end() && it->second.gap >= 0 &&
               static_cast<double>(it->second.gap) <= factor_ * residency_ns;
  }
  if (admitted) {
    if (first_admit_ < 0) first_admit_ = block.now;
    ++admitted_;
  }
  return admitted;
}

}  // namespace kvtier
