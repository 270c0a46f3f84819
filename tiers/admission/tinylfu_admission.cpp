#include "tiers/admission/tinylfu_admission.h"

#include <algorithm>
#include <bit>

#include "core/rng/rng.h"

namespace kvtier {

namespace {
constexpr std::uint8_t kMaxCount = 15;  // 4-bit counters
constexpr std::uint64_t kRowSeed[4] = {0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
                                       0xD6E8FEB86659FD93ULL};
}  // namespace

TinyLfuAdmission::TinyLfuAdmission(const AdmissionParams& p, std::uint64_t capacity_blocks)
    : width_(std::bit_ceil(std::max<std::uint64_t>(64, capacity_blocks))),
      door_bits_(std::bit_ceil(std::max<std::uint64_t>(512, capacity_blocks * 8))),
      sample_(std::max<std::uint64_t>(16, capacity_blocks * static_cast<std::uint64_t>(p.tinylfu_sample_factor))),
      counters_(static_cast<std::size_t>(kRows) * width_, 0),
      doorkeeper_(door_bits_ / 64, 0) {}

std::size_t TinyLfuAdmission::cell(int row, BlockId id) const {
  return static_cast<std::size_t>(row) * width_ + (mix64(id ^ kRowSeed[row]) & (width_ - 1));
}

std::size_t TinyLfuAdmission::door_bit(int k, BlockId id) const {
  return static_cast<std::size_t>(mix64(id + kRowSeed[k] * 3) & (door_bits_ - 1));
}

bool TinyLfuAdmission::door_contains(BlockId id) const {
  for (int k = 0; k < 2; ++k) {
    const std::size_t b = door_bit(k, id);
    if ((doorkeeper_[b / 64] & (std::uint64_t{1} << (b % 64))) == 0) return false;
  }
  return true;
}

void TinyLfuAdmission::on_access(const BlockAccess& access) {
  if (!door_contains(access.id)) {
    for (int k = 0; k < 2; ++k) {
      const std::size_t b = door_bit(k, access.id);
      doorkeeper_[b / 64] |= std::uint64_t{1} << (b % 64);
    }
  } else {
    // Conservative update: raise only the smallest counters.
    const std::uint64_t least = estimate(access.id) - 1;  // less the doorkeeper's one
    for (int row = 0; row < kRows; ++row) {
      std::uint8_t& c = counters_[cell(row, access.id)];
      if (c == least && c < kMaxCount) ++c;
    }
  }
  if (++seen_ >= sample_) reset();
}

std::uint64_t TinyLfuAdmission::estimate(BlockId id) const {
  std::uint64_t least = kMaxCount;
  for (int row = 0; row < kRows; ++row) least = std::min<std::uint64_t>(least, counters_[cell(row, id)]);
  return least + (door_contains(id) ? 1 : 0);
}

void TinyLfuAdmission::reset() {
  for (std::uint8_t& c : counters_) c = static_cast<std::uint8_t>(c / 2);
  std::fill(doorkeeper_.begin(), doorkeeper_.end(), 0);
  seen_ = 0;
}

bool TinyLfuAdmission::admit(const BlockAccess& block, const BlockAccess* victim) {
  if (victim == nullptr) return true;
  return estimate(block.id) > estimate(victim->id);
}

}  // namespace kvtier
