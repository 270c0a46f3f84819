// A log-linear histogram of non-negative integers (latencies in ns, sizes in bytes).
//
// Values below 2^kSubBits are counted exactly; above, every power of two is split into
// 2^kSubBits equal buckets, as fio's latency histograms are. A percentile is reported as
// the midpoint of its bucket, so its relative error is at most 1/2^(kSubBits+1) = 0.4%.
// Memory is fixed (at most ~7,400 buckets), and histograms merge by adding counts.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "core/int128.h"

namespace kvtier {

class Histogram {
 public:
  static constexpr int kSubBits = 7;
  static constexpr std::uint64_t kSub = std::uint64_t{1} << kSubBits;

  // Inline: every timed transfer adds to two of them.
  void add(std::uint64_t value, std::uint64_t count = 1) {
    if (count == 0) return;
    const std::size_t b = bucket_of(value);
    if (b >= buckets_.size()) grow(b);
    buckets_[b] += count;
    count_ += count;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
    sum_ += static_cast<UInt128>(value) * count;
  }
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ == 0 ? 0 : min_; }
  std::uint64_t max() const { return max_; }
  UInt128 sum() const { return sum_; }  // exact
  double mean() const;
  // Nearest-rank percentile, p in [0, 100]; 0 when empty. Never outside [min, max].
  std::uint64_t percentile(double p) const;

  static std::size_t bucket_of(std::uint64_t value) {
    if (value < kSub) return static_cast<std::size_t>(value);
    const int shift = static_cast<int>(std::bit_width(value)) - 1 - kSubBits;  // >= 0
    const std::uint64_t offset = (value >> shift) - kSub;                       // in [0, kSub)
    return static_cast<std::size_t>(kSub * static_cast<std::uint64_t>(shift + 1) + offset);
  }
  static std::uint64_t bucket_low(std::size_t bucket);
  static std::uint64_t bucket_width(std::size_t bucket);

 private:
  void grow(std::size_t bucket) { buckets_.resize(bucket + 1, 0); }

  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
  UInt128 sum_ = 0;
};

}  // namespace kvtier
