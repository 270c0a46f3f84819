// One copy of a NAND flash tier as its block store sees it: every block the store takes
// is written to the FTL (in the stream its placement picks), every block it lets go is
// trimmed. It keeps host and NAND bytes per interval of simulated time (WAF over time),
// and times the copy's NAND array (tiers/flash/nand_timing.h): the FTL work of the writes
// since the last timed write is what the next write transfer holds the array for.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/units/units.h"
#include "tiers/block_access.h"
#include "tiers/block_observer.h"
#include "tiers/flash/ftl.h"
#include "tiers/flash/nand_spec.h"
#include "tiers/flash/nand_timing.h"

namespace kvtier {

// The logical space of one copy of a flash tier: its capacity times its devices, or,
// for a capacity given in blocks, those blocks' bytes.
std::uint64_t flash_logical_bytes(const units::Size& capacity, std::int64_t devices, std::uint64_t capacity_blocks,
                                  std::uint64_t block_bytes);

// The FTL of `logical_bytes` of this NAND, for stores of up to `capacity_blocks` blocks.
FtlConfig ftl_config(const NandSpec& nand, std::uint64_t logical_bytes, std::uint64_t capacity_blocks);

struct WafInterval {
  std::uint64_t host_bytes = 0;
  std::uint64_t nand_bytes = 0;
};

class FlashVolume final : public IBlockObserver {
 public:
  // Contract: `logical_bytes` of `devices` drives hold `capacity_blocks` blocks of
  // `block_bytes`; throws std::invalid_argument (from the FTL) when the NAND cannot be
  // collected.
  FlashVolume(const NandSpec& nand, std::int64_t devices, std::uint64_t logical_bytes, std::uint64_t block_bytes,
              std::uint64_t capacity_blocks);

  void written(Slot slot, const BlockAccess& block) override;
  void released(Slot slot) override { ftl_.trim(slot); }
  void read(Slot /*slot*/, const BlockAccess& /*block*/) override {}  // timed by read_leg
  // The erase block a stored block starts in (log placement evicts by it).
  std::uint32_t region_of(Slot slot) const { return ftl_.region_of(slot); }

  // The NAND array's legs of a transfer out of this copy, and of one into it (which takes
  // the FTL work written since the last call).
  PathLeg read_leg(std::uint64_t bytes) { return timing_.read_leg(bytes); }
  PathLeg write_leg(SimTimeNs now) { return timing_.write_leg(std::exchange(unclaimed_, FtlWork{}), now); }

  const Ftl& ftl() const { return ftl_; }
  const NandTiming& timing() const { return timing_; }
  std::uint64_t logical_bytes() const { return logical_bytes_; }
  // Host and NAND bytes written in each interval of `waf_interval` (intervals start at
  // multiples of it, so the copies of a tier line up), from the first written to.
  const std::vector<WafInterval>& intervals() const { return intervals_; }
  std::int64_t first_interval() const { return first_interval_; }  // -1: nothing written

 private:
  std::uint32_t stream_for(const BlockAccess& block) const;

  NandSpec nand_;
  std::uint64_t logical_bytes_;
  std::uint64_t block_bytes_;
  Ftl ftl_;
  NandTiming timing_;
  FtlWork unclaimed_;  // written, not yet timed
  std::vector<WafInterval> intervals_;
  std::int64_t first_interval_ = -1;
};

}  // namespace kvtier
