// The LRU miss-ratio curve of a workload: the hits, at every capacity at once, of one LRU
// cache of that many blocks fed every block of the trace in order. That is what
// `kvtier run` with timing off does on a single LRU tier, so at any capacity the curve
// equals that run's counts. Counted as a run's summary counts them:
//  - block hits: every block access on its own;
//  - prefix hits, block-weighted: a block counts while every block before it in its
//    request hits too, i.e. while the largest stack distance so far is within the capacity;
//  - prefix hits, the per-request mean of each request's share.
//
// Sampled, it is SHARDS (Waldspurger, Park, Garthwaite and Ahmad, "Efficient MRC
// construction with SHARDS", FAST'15): only blocks whose hashed id falls under the rate
// are followed, and a sampled distance d stands for d / rate, so time and memory shrink by
// the rate. The block curve is then an estimate, with SHARDS's adjustment (the sampled
// accesses' shortfall from rate x accesses counted as hits at every capacity); prefix
// curves need every block of a request and are not given.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/stats/stack_distance.h"
#include "tiers/block_id.h"

namespace kvtier {

struct MrcPoint {
  std::uint64_t capacity_blocks = 0;
  double block_hit_ratio = 0;
  std::optional<double> prefix_hit_ratio;          // block-weighted; not when sampled
  std::optional<double> request_prefix_hit_ratio;  // per-request mean; not when sampled
};

class MissRatioCurve {
 public:
  // Contract: 0 < sample_rate <= 1; the rate used is the nearest multiple of 2^-24.
  explicit MissRatioCurve(double sample_rate = 1.0);

  void add_request(std::span<const BlockId> blocks);

  bool sampled() const { return threshold_ < kHashRange; }
  double sample_rate() const { return static_cast<double>(threshold_) / static_cast<double>(kHashRange); }
  std::uint64_t requests() const { return requests_; }
  std::uint64_t block_accesses() const { return accesses_; }
  // Distinct blocks: the capacity past which nothing more hits (estimated when sampled).
  std::uint64_t footprint_blocks() const;

  // The curve at each capacity, in the order given.
  std::vector<MrcPoint> at(std::span<const std::uint64_t> capacities_blocks) const;
  // The smallest capacity whose block-weighted prefix hit ratio (block hit ratio when
  // sampled) reaches `ratio`, if any does.
  std::optional<std::uint64_t> capacity_for(double ratio) const;

 private:
  static constexpr std::uint64_t kHashRange = std::uint64_t{1} << 24;

  bool followed(BlockId id) const;
  // Sampled distance d hits at capacity c when d <= floor(c x rate).
  std::uint64_t distance_within(std::uint64_t capacity_blocks) const;
  double block_hits_within(std::uint64_t distance) const;

  std::uint64_t threshold_;
  StackDistance stack_;
  // Indexed by (sampled) stack distance; [0] holds first uses.
  std::vector<std::uint64_t> block_;
  // Indexed by the largest distance of the request so far; [0]: a first use came before.
  // Both counts of a block go to the same bin, so they share its cache line.
  struct PrefixBin {
    std::uint64_t blocks = 0;
    double request_share = 0;  // each block weighted 1 / its request's blocks
  };
  std::vector<PrefixBin> prefix_;
  std::uint64_t requests_ = 0;
  std::uint64_t accesses_ = 0;
  std::uint64_t followed_accesses_ = 0;
};

}  // namespace kvtier
