#include "core/sweep/belady_bound.h"

#include <set>

namespace kvtier {

HitBound belady_bound(const NextUseOracle& future, std::uint64_t capacity_blocks) {
  // A held block is known by the index of its next access: every access index is the
  // next use of at most one earlier access, so the keys are unique, and an access hits
  // exactly when its own index is held.
  std::set<std::uint64_t> held;
  HitBound bound;
  bound.accesses = future.accesses();
  for (std::uint64_t k = 0; k < bound.accesses; ++k) {
    if (held.erase(k) != 0) ++bound.hits;
    const std::uint64_t next = future.next_use_at(k);
    if (next == kNeverUsedAgain || capacity_blocks == 0) continue;
    if (held.size() == capacity_blocks) {
      const auto furthest = std::prev(held.end());
      if (*furthest < next) continue;  // bypass: every held block is needed sooner
      held.erase(furthest);
    }
    held.insert(next);
  }
  return bound;
}

}  // namespace kvtier
