#include "tiers/flash/flash_volume.h"

#include <algorithm>
#include <bit>

namespace kvtier {

std::uint64_t flash_logical_bytes(const units::Size& capacity, std::int64_t devices, std::uint64_t capacity_blocks,
                                  std::uint64_t block_bytes) {
  return capacity.in_blocks ? capacity_blocks * block_bytes : capacity.value * static_cast<std::uint64_t>(devices);
}

FtlConfig ftl_config(const NandSpec& nand, std::uint64_t logical_bytes, std::uint64_t capacity_blocks) {
  FtlConfig c;
  c.logical_bytes = logical_bytes;
  c.over_provisioning = nand.over_provisioning;
  c.iu_bytes = nand.iu_bytes;
  c.erase_block_bytes = nand.erase_block_bytes;
  c.gc = nand.gc;
  c.gc_threshold = nand.gc_threshold;
  c.streams = nand.placement == Placement::kFdp ? static_cast<std::uint32_t>(nand.fdp_handles) : 1;
  c.expected_slots = static_cast<std::size_t>(std::min<std::uint64_t>(capacity_blocks, 1ULL << 32));
  return c;
}

FlashVolume::FlashVolume(const NandSpec& nand, std::int64_t devices, std::uint64_t logical_bytes,
                         std::uint64_t block_bytes, std::uint64_t capacity_blocks)
    : nand_(nand),
      logical_bytes_(logical_bytes),
      block_bytes_(block_bytes),
      ftl_(ftl_config(nand, logical_bytes, capacity_blocks)),
      timing_(nand, devices) {}

std::uint32_t FlashVolume::stream_for(const BlockAccess& block) const {
  if (nand_.placement != Placement::kFdp) return 0;
  // Later blocks of a request are shared by fewer requests and evicted sooner: handle
  // floor(log4(position + 1)) groups positions 0-2, 3-14, 15-62, ...
  const auto level = static_cast<std::uint32_t>(std::bit_width(std::uint64_t{block.position} + 1) - 1) / 2;
  return std::min(level, static_cast<std::uint32_t>(nand_.fdp_handles) - 1);
}

void FlashVolume::written(Slot slot, const BlockAccess& block) {
  const FtlWork w = ftl_.write(slot, block_bytes_, stream_for(block));
  unclaimed_ += w;
  const std::int64_t interval = std::max<SimTimeNs>(0, block.now) / nand_.waf_interval_ns;
  if (first_interval_ < 0) first_interval_ = interval;
  const auto i = static_cast<std::size_t>(std::max<std::int64_t>(0, interval - first_interval_));
  if (i >= intervals_.size()) intervals_.resize(i + 1);
  intervals_[i].host_bytes += block_bytes_;
  intervals_[i].nand_bytes += (w.programmed_ius + w.relocated_ius) * ftl_.iu_bytes();
}

}  // namespace kvtier
