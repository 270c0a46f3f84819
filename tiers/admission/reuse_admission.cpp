#include "tiers/admission/reuse_admission.h"

namespace kvtier {

void ReuseAdmission::on_access(const BlockAccess& access) {
  const Slot n = index_.find(access.id);
  if (n != kNoSlot) {
    ++nodes_[n].seen;
    order_.remove(0, n);
    order_.push_front(0, n);
    return;
  }
  Slot node;
  if (!free_nodes_.empty()) {
    node = free_nodes_.back();
    free_nodes_.pop_back();
    nodes_[node] = Node{access.id, 1};
  } else {
    node = static_cast<Slot>(nodes_.size());
    nodes_.push_back(Node{access.id, 1});
  }
  index_.insert(access.id, node);
  order_.push_front(0, node);
  if (order_.size(0) > tracker_size_) {
    const Slot oldest = order_.back(0);
    order_.remove(0, oldest);
    index_.erase(nodes_[oldest].id);
    free_nodes_.push_back(oldest);
  }
}

bool ReuseAdmission::admit(const BlockAccess& block, const BlockAccess* /*victim*/) {
  const Slot n = index_.find(block.id);
  return n != kNoSlot && nodes_[n].seen >= threshold_;
}

}  // namespace kvtier
