// The trace's future, for policies that use it (Belady): for every block access, where
// in the trace the same block is next accessed. Built by a first pass over the workload
// (a second reader over the same input), so it costs 8 bytes per block access and
// 8 bytes per request; the replay itself still streams.
#pragma once

#include <cstdint>
#include <vector>

#include "tiers/block_access.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

class NextUseOracle {
 public:
  // Reads `reader` to its end. Throws what the reader throws on bad input.
  explicit NextUseOracle(ITraceReader& reader);

  // The access index (position among all block accesses of the trace) of block j of
  // request `request_index`, and that block's next access index (kNeverUsedAgain if none).
  std::uint64_t access_index(std::uint64_t request_index, std::size_t j) const { return offsets_[request_index] + j; }
  std::uint64_t next_use(std::uint64_t request_index, std::size_t j) const {
    return next_[offsets_[request_index] + j];
  }
  std::uint64_t next_use_at(std::uint64_t access_index) const { return next_[access_index]; }
  std::uint64_t accesses() const { return next_.size(); }

 private:
  std::vector<std::uint64_t> offsets_;  // by request index
  std::vector<std::uint64_t> next_;     // by access index
};

}  // namespace kvtier
