// Dynamo KVBM's disk offload filter ("to extend SSD lifespan", on by default): every offer
// of a block doubles its count (a first offer sets 1), every decay step takes 1 from every
// count and forgets those at 0, and a block is admitted once its count reaches the
// threshold (2: its second offer within the decay window). When more than max_entries
// blocks are tracked, extra decay steps run until they fit. Offers are counted, not
// accesses, as in KVBM's FrequencyFilter::should_offload.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "tiers/admission/admission_params.h"
#include "tiers/admission/i_admission_policy.h"

namespace kvtier {

class FrequencyAdmission final : public IAdmissionPolicy {
 public:
  explicit FrequencyAdmission(const AdmissionParams& p)
      : threshold_(static_cast<std::uint64_t>(p.frequency_threshold)),
        decay_ns_(p.frequency_decay_ns),
        max_entries_(static_cast<std::size_t>(p.frequency_max_entries)) {}
  std::string_view name() const override { return "frequency"; }
  bool admit(const BlockAccess& block, const BlockAccess* victim) override;
  std::size_t memory_bytes() const override { return counts_.size() * 48; }

 private:
  void decay_to(std::int64_t step);

  std::uint64_t threshold_;
  SimTimeNs decay_ns_;
  std::size_t max_entries_;
  std::int64_t step_ = 0;  // decay steps so far
  // Looked up by id; iterated only to apply a decay to every entry alike, so its
  // order never shows in results.
  std::unordered_map<BlockId, std::uint64_t> counts_;
};

}  // namespace kvtier
