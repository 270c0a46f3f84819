// The benchmarks' block stream (issue 2): 20 million accesses drawn Zipf(0.9) over
// 2 million blocks with seed 42, and a reader that serves it as requests.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/rng/rng.h"
#include "tiers/hierarchy.h"
#include "workloads/i_trace_reader.h"

namespace kvtier::bench {

inline constexpr std::size_t kStreamAccesses = 20'000'000;
inline constexpr std::uint64_t kStreamBlocks = 2'000'000;

inline std::vector<BlockId> zipf_stream() {
  std::vector<BlockId> stream(kStreamAccesses);
  Rng rng(42);
  const ZipfSampler zipf(kStreamBlocks, 0.9);
  for (auto& id : stream) id = zipf.sample(rng);
  return stream;
}

// Consecutive accesses grouped into requests of `per_request` blocks, `gap_ns` apart.
class StreamReader final : public ITraceReader {
 public:
  StreamReader(std::span<const BlockId> ids, std::size_t per_request = 1, SimTimeNs gap_ns = 0)
      : ids_(ids), per_request_(per_request), gap_ns_(gap_ns) {}
  bool next(Request& out) override {
    if (next_ >= ids_.size()) return false;
    const std::size_t n = std::min(per_request_, ids_.size() - next_);
    out.index = next_ / per_request_;
    out.arrival_ns = static_cast<SimTimeNs>(out.index) * gap_ns_;
    out.input_tokens = 512 * n;
    out.output_tokens = 1;
    out.blocks.assign(ids_.begin() + static_cast<std::ptrdiff_t>(next_),
                      ids_.begin() + static_cast<std::ptrdiff_t>(next_ + n));
    next_ += n;
    return true;
  }
  std::string describe() const override { return "block stream"; }

 private:
  std::span<const BlockId> ids_;
  std::size_t per_request_;
  SimTimeNs gap_ns_;
  std::size_t next_ = 0;
};

// A tier of `blocks` blocks with every figure round (timing off does not read them).
inline TierSpec bench_tier(const std::string& name, std::uint64_t blocks, const std::string& eviction) {
  TierSpec t;
  t.name = name;
  t.medium = "ddr";
  t.capacity = units::Size{blocks, true};
  t.read_bytes_per_s = t.write_bytes_per_s = 1'000'000'000'000;
  t.eviction = eviction;
  return t;
}

inline HierarchyConfig single_tier(std::uint64_t blocks, const std::string& eviction) {
  HierarchyConfig h;
  h.block_bytes = 1;
  h.timed = false;
  h.tiers = {bench_tier("cache", blocks, eviction)};
  return h;
}

}  // namespace kvtier::bench
