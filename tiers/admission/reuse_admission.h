// vLLM's reuse-frequency gating (FilterReusedOffloadingManager, store_threshold): a tracker
// remembers the most recently seen blocks (at most tracker_size, least recently seen
// forgotten first) and how often each was looked up; a block is written only once it was
// seen at least `threshold` times.
#pragma once

#include <cstdint>
#include <vector>

#include "tiers/admission/admission_params.h"
#include "tiers/admission/i_admission_policy.h"
#include "tiers/block_index.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class ReuseAdmission final : public IAdmissionPolicy {
 public:
  explicit ReuseAdmission(const AdmissionParams& p)
      : threshold_(static_cast<std::uint64_t>(p.reuse_threshold)),
        tracker_size_(static_cast<std::uint64_t>(p.reuse_tracker_size)) {}
  std::string_view name() const override { return "reuse"; }
  bool wants_accesses() const override { return true; }
  void on_access(const BlockAccess& access) override;
  bool admit(const BlockAccess& block, const BlockAccess* victim) override;
  std::size_t memory_bytes() const override {
    return index_.memory_bytes() + order_.memory_bytes() + nodes_.capacity() * sizeof(Node);
  }

 private:
  struct Node {
    BlockId id;
    std::uint64_t seen;
  };

  std::uint64_t threshold_;
  std::uint64_t tracker_size_;
  BlockIndex index_;    // id -> node
  SlotLists order_;  // front: most recently seen
  std::vector<Node> nodes_;
  std::vector<Slot> free_nodes_;
};

}  // namespace kvtier
