#include "tiers/block_index.h"

#include <bit>

namespace kvtier {

namespace {
constexpr std::size_t kMinBuckets = 16;

std::size_t buckets_for(std::size_t entries) {
  // Keep the load factor at or below 3/4.
  const std::size_t wanted = entries + entries / 3 + 1;
  return std::bit_ceil(wanted < kMinBuckets ? kMinBuckets : wanted);
}
}  // namespace

BlockIndex::BlockIndex(std::size_t expected_entries) {
  const std::size_t n = buckets_for(expected_entries);
  buckets_.assign(n, Bucket{0, kNoSlot});
  mask_ = n - 1;
  shift_ = 64 - std::countr_zero(n);
}

void BlockIndex::insert(BlockId id, Slot slot) {
  if ((size_ + 1) * 4 > buckets_.size() * 3) grow();
  std::size_t i = home(id);
  while (buckets_[i].slot != kNoSlot) i = (i + 1) & mask_;
  buckets_[i] = Bucket{id, slot};
  ++size_;
}

void BlockIndex::erase(BlockId id) {
  std::size_t hole = home(id);
  for (;;) {
    if (buckets_[hole].slot == kNoSlot) return;  // absent: nothing to do
    if (buckets_[hole].id == id) break;
    hole = (hole + 1) & mask_;
  }
  // Shift later members of the probe run back into the hole, unless they would move
  // before their home bucket.
  std::size_t j = hole;
  for (;;) {
    j = (j + 1) & mask_;
    if (buckets_[j].slot == kNoSlot) break;
    const std::size_t k = home(buckets_[j].id);
    const bool k_in_hole_to_j = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j);
    if (!k_in_hole_to_j) {
      buckets_[hole] = buckets_[j];
      hole = j;
    }
  }
  buckets_[hole].slot = kNoSlot;
  --size_;
}

void BlockIndex::grow() {
  std::vector<Bucket, HugePageAllocator<Bucket>> old;
  old.swap(buckets_);
  const std::size_t n = old.size() * 2;
  buckets_.assign(n, Bucket{0, kNoSlot});
  mask_ = n - 1;
  shift_ = 64 - std::countr_zero(n);
  for (const Bucket& b : old) {
    if (b.slot == kNoSlot) continue;
    std::size_t i = home(b.id);
    while (buckets_[i].slot != kNoSlot) i = (i + 1) & mask_;
    buckets_[i] = b;
  }
}

}  // namespace kvtier
