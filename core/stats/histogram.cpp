#include "core/stats/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace kvtier {

namespace {
constexpr std::uint64_t kSub = std::uint64_t{1} << Histogram::kSubBits;
}

std::size_t Histogram::bucket_of(std::uint64_t value) {
  if (value < kSub) return static_cast<std::size_t>(value);
  const int shift = static_cast<int>(std::bit_width(value)) - 1 - kSubBits;  // >= 0
  const std::uint64_t offset = (value >> shift) - kSub;     // in [0, kSub)
  return static_cast<std::size_t>(kSub * static_cast<std::uint64_t>(shift + 1) + offset);
}

std::uint64_t Histogram::bucket_low(std::size_t bucket) {
  if (bucket < kSub) return bucket;
  const std::uint64_t shift = bucket / kSub - 1;
  return ((bucket % kSub) + kSub) << shift;
}

std::uint64_t Histogram::bucket_width(std::size_t bucket) {
  if (bucket < kSub) return 1;
  return std::uint64_t{1} << (bucket / kSub - 1);
}

void Histogram::add(std::uint64_t value, std::uint64_t count) {
  if (count == 0) return;
  const std::size_t b = bucket_of(value);
  if (b >= buckets_.size()) buckets_.resize(b + 1, 0);
  buckets_[b] += count;
  count_ += count;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += static_cast<UInt128>(value) * count;
}

void Histogram::merge(const Histogram& other) {
  if (other.count_ == 0) return;
  if (other.buckets_.size() > buckets_.size()) buckets_.resize(other.buckets_.size(), 0);
  for (std::size_t i = 0; i < other.buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

double Histogram::mean() const {
  if (count_ == 0) return 0.0;
  return static_cast<double>(sum_) / static_cast<double>(count_);
}

std::uint64_t Histogram::percentile(double p) const {
  if (count_ == 0) return 0;
  p = std::clamp(p, 0.0, 100.0);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < buckets_.size(); ++b) {
    seen += buckets_[b];
    if (seen >= rank) {
      const std::uint64_t mid = bucket_low(b) + (bucket_width(b) - 1) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

}  // namespace kvtier
