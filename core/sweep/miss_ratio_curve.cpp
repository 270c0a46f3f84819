#include "core/sweep/miss_ratio_curve.h"

#include <algorithm>
#include <cmath>

#include "core/int128.h"

namespace kvtier {

namespace {
// SplitMix64's finaliser: Mooncake's block ids are small consecutive integers, and sampling
// must not follow their order.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Blocks ahead of the one counted whose index lines are fetched meanwhile.
constexpr std::size_t kLookahead = 2;

void count_at(std::vector<std::uint64_t>& v, std::uint64_t at) {
  if (at >= v.size()) v.resize(at + 1, 0);
  ++v[at];
}

// Sums of v[1..d], for every d.
template <typename T>
std::vector<T> running_sums(const std::vector<T>& v) {
  std::vector<T> sums(v.size(), T{});
  for (std::size_t d = 1; d < v.size(); ++d) sums[d] = sums[d - 1] + v[d];
  return sums;
}

template <typename T>
T sum_within(const std::vector<T>& sums, std::uint64_t distance) {
  if (sums.empty()) return T{};
  return sums[std::min<std::uint64_t>(distance, sums.size() - 1)];
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }
}  // namespace

MissRatioCurve::MissRatioCurve(double sample_rate)
    : threshold_(std::clamp<std::uint64_t>(
          static_cast<std::uint64_t>(std::llround(sample_rate * static_cast<double>(kHashRange))), 1, kHashRange)) {}

bool MissRatioCurve::followed(BlockId id) const { return !sampled() || (mix(id) >> 40) < threshold_; }

void MissRatioCurve::add_request(std::span<const BlockId> blocks) {
  ++requests_;
  accesses_ += blocks.size();
  std::uint64_t largest = 0;  // the request's largest distance so far
  bool broken = false;        // a first use came before: no prefix hit from here on
  const double weight = blocks.empty() ? 0.0 : 1.0 / static_cast<double>(blocks.size());
  for (std::size_t j = 0; j < blocks.size(); ++j) {
    if (j + kLookahead < blocks.size() && followed(blocks[j + kLookahead])) stack_.prefetch(blocks[j + kLookahead]);
    const BlockId id = blocks[j];
    if (!followed(id)) continue;
    ++followed_accesses_;
    const std::uint64_t d = stack_.access(id);
    count_at(block_, d);
    if (sampled()) continue;
    if (d == StackDistance::kCold) broken = true;
    largest = std::max(largest, d);
    const std::uint64_t at = broken ? 0 : largest;
    if (at >= prefix_.size()) prefix_.resize(at + 1);
    ++prefix_[at].blocks;
    prefix_[at].request_share += weight;
  }
}

std::uint64_t MissRatioCurve::footprint_blocks() const {
  if (!sampled()) return stack_.distinct_blocks();
  return static_cast<std::uint64_t>(
      std::llround(static_cast<double>(stack_.distinct_blocks()) / sample_rate()));
}

std::uint64_t MissRatioCurve::distance_within(std::uint64_t capacity_blocks) const {
  if (!sampled()) return capacity_blocks;
  return static_cast<std::uint64_t>(UInt128{capacity_blocks} * threshold_ / kHashRange);
}

std::vector<MrcPoint> MissRatioCurve::at(std::span<const std::uint64_t> capacities_blocks) const {
  const std::vector<std::uint64_t> block_sums = running_sums(block_);
  std::vector<std::uint64_t> prefix_blocks(prefix_.size());
  std::vector<double> prefix_shares(prefix_.size());
  for (std::size_t d = 0; d < prefix_.size(); ++d) {
    prefix_blocks[d] = prefix_[d].blocks;
    prefix_shares[d] = prefix_[d].request_share;
  }
  const std::vector<std::uint64_t> prefix_sums = running_sums(prefix_blocks);
  const std::vector<double> share_sums = running_sums(prefix_shares);
  const double accesses = static_cast<double>(accesses_);
  // SHARDS's adjustment: the followed accesses fall short of (or exceed) rate x accesses by
  // chance; the difference is counted at the smallest distance, i.e. as hits everywhere.
  const double expected = accesses * sample_rate();
  const double shortfall = expected - static_cast<double>(followed_accesses_);
  std::vector<MrcPoint> points;
  points.reserve(capacities_blocks.size());
  for (const std::uint64_t c : capacities_blocks) {
    MrcPoint p;
    p.capacity_blocks = c;
    const double hits = static_cast<double>(sum_within(block_sums, distance_within(c)));
    if (sampled()) {
      p.block_hit_ratio = followed_accesses_ == 0 ? 0.0 : std::clamp(share(hits + shortfall, expected), 0.0, 1.0);
    } else {
      p.block_hit_ratio = share(hits, accesses);
      p.prefix_hit_ratio = share(static_cast<double>(sum_within(prefix_sums, c)), accesses);
      p.request_prefix_hit_ratio = share(sum_within(share_sums, c), static_cast<double>(requests_));
    }
    points.push_back(p);
  }
  return points;
}

std::optional<std::uint64_t> MissRatioCurve::capacity_for(double ratio) const {
  std::vector<std::uint64_t> hist = block_;
  if (!sampled()) {
    hist.assign(prefix_.size(), 0);
    for (std::size_t d = 0; d < prefix_.size(); ++d) hist[d] = prefix_[d].blocks;
  }
  const double accesses = static_cast<double>(accesses_);
  const double expected = accesses * sample_rate();
  double hits = sampled() ? expected - static_cast<double>(followed_accesses_) : 0.0;
  const double whole = sampled() ? expected : accesses;
  if (followed_accesses_ == 0 || whole <= 0) return std::nullopt;
  for (std::size_t d = 1; d < hist.size(); ++d) {
    hits += static_cast<double>(hist[d]);
    if (hits / whole >= ratio) {
      // The smallest capacity c with floor(c x rate) >= d.
      if (!sampled()) return d;
      return static_cast<std::uint64_t>((UInt128{d} * kHashRange + threshold_ - 1) / threshold_);
    }
  }
  return std::nullopt;
}

}  // namespace kvtier
