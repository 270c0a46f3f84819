#include "core/sim/next_use_oracle.h"

#include <unordered_map>

namespace kvtier {

NextUseOracle::NextUseOracle(ITraceReader& reader) {
  std::vector<BlockId> ids;
  Request r;
  while (reader.next(r)) {
    offsets_.push_back(ids.size());
    ids.insert(ids.end(), r.blocks.begin(), r.blocks.end());
  }
  // Backwards, each access learns where its block is seen next.
  next_.assign(ids.size(), kNeverUsedAgain);
  std::unordered_map<BlockId, std::uint64_t> seen_later;  // looked up only, never iterated
  seen_later.reserve(ids.size() / 2 + 1);
  for (std::size_t k = ids.size(); k-- > 0;) {
    const auto [it, inserted] = seen_later.try_emplace(ids[k], k);
    if (!inserted) {
      next_[k] = it->second;
      it->second = k;
    }
  }
}

}  // namespace kvtier
