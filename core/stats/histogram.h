// A log-linear histogram of non-negative integers (latencies in ns, sizes in bytes).
//
// Values below 2^kSubBits are counted exactly; above, every power of two is split into
// 2^kSubBits equal buckets, as fio's latency histograms are. A percentile is reported as
// the midpoint of its bucket, so its relative error is at most 1/2^(kSubBits+1) = 0.4%.
// Memory is fixed (at most ~7,400 buckets), and histograms merge by adding counts.
#pragma once

#include <cstdint>
#include <vector>

#include "core/int128.h"

namespace kvtier {

class Histogram {
 public:
  static constexpr int kSubBits = 7;

  void add(std::uint64_t value, std::uint64_t count = 1);
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ == 0 ? 0 : min_; }
  std::uint64_t max() const { return max_; }
  UInt128 sum() const { return sum_; }  // exact
  double mean() const;
  // Nearest-rank percentile, p in [0, 100]; 0 when empty. Never outside [min, max].
  std::uint64_t percentile(double p) const;

  static std::size_t bucket_of(std::uint64_t value);
  static std::uint64_t bucket_low(std::size_t bucket);
  static std::uint64_t bucket_width(std::size_t bucket);

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
  UInt128 sum_ = 0;
};

}  // namespace kvtier
