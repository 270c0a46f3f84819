// Admission by expected reuse time: a block is worth writing if it is likely to be used
// again before the tier would evict it. Its expected reuse time is the last gap between
// two of its accesses; the tier's residency time is capacity / admission rate (Little's
// law for a full cache). Admitted: blocks whose last gap is at most `factor` x the
// residency time. Until the tier has admitted a capacity's worth, everything is admitted
// (there is no residency to compare with yet); a block seen only once is refused.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "tiers/admission/admission_params.h"
#include "tiers/admission/i_admission_policy.h"

namespace kvtier {

class ReuseTimeAdmission final : public IAdmissionPolicy {
 public:
  ReuseTimeAdmission(const AdmissionParams& p, std::uint64_t capacity_blocks)
      : factor_(p.reuse_time_factor), capacity_(capacity_blocks) {}
  std::string_view name() const override { return "reuse_time"; }
  bool wants_accesses() const override { return true; }
  void on_access(const BlockAccess& access) override;
  bool admit(const BlockAccess& block, const BlockAccess* victim) override;
  std::size_t memory_bytes() const override { return seen_.size() * 56; }

 private:
  struct Seen {
    SimTimeNs last;
    SimTimeNs gap;  // -1: seen once
  };

  double factor_;
  std::uint64_t capacity_;
  std::uint64_t admitted_ = 0;
  SimTimeNs first_admit_ = -1;
  std::unordered_map<BlockId, Seen> seen_;  // looked up only, never iterated
};

}  // namespace kvtier
