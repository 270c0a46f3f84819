// The time a flash tier's NAND takes: its dies and NAND channels, as one more resource on
// the path of every transfer into or out of the tier (beside the host interface, which
// the tier's read and write bandwidths already time).
//
// A KV block is striped over every die of the copy (its drives' dies together), so the
// array is modelled as one fluid server: a transfer holds it for the work it needs divided
// by the dies, or for its bytes over all channels, whichever is longer.
//   read of S bytes:  ceil(S / (page x planes)) multi-plane reads of tR; the first page
//                     is read and crosses its channel before any byte leaves the drive,
//                     so tR + min(S, page) / channel bandwidth is added as latency.
//   write of S bytes: the IUs programmed, at tPROG per program unit (planes x
//                     pages_per_wordline pages), or at the SLC cache's program time while
//                     the cache has room; plus the garbage collection the write set off:
//                     relocated IUs read (tR per planes' pages) and programmed again, and
//                     each erase (tBERS). Channels carry the host bytes and, twice, the
//                     relocated ones. Writes add no latency: the drive acknowledges from
//                     its buffer, and its programming shows as the array's hold.
// GC therefore takes array time from host reads and writes, and shows in their tails.
// The SLC cache folds into the main NAND at the array's program rate while the array is
// idle (between the end of its last reservation and the next write); folding is not
// counted as NAND writes, and reads from the SLC cache take the main NAND's tR.
#pragma once

#include <cstdint>

#include "kvtier/sim_time.h"
#include "tiers/flash/ftl.h"
#include "tiers/flash/nand_spec.h"
#include "tiers/port.h"

namespace kvtier {

class NandTiming {
 public:
  // Contract: `devices` >= 1 drives of `nand` (validated by parse_nand).
  NandTiming(const NandSpec& nand, std::int64_t devices);

  // The array's leg of a read of `bytes` from the tier.
  PathLeg read_leg(std::uint64_t bytes);
  // The array's leg of a write that programmed and collected `work`, issued at `now`.
  PathLeg write_leg(const FtlWork& work, SimTimeNs now);

  const Port& port() const { return port_; }
  SimTimeNs gc_busy_ns() const { return gc_busy_ns_; }  // array time spent collecting garbage
  std::uint64_t slc_written_bytes() const { return slc_written_bytes_; }

  // Sustained rates of the array alone, in bytes per second (for reports and tests).
  double program_bytes_per_s() const;
  double channel_bytes_per_s() const;

 private:
  // ceil(die_work_ns / dies): the array's time for work summed over dies.
  SimTimeNs spread(std::uint64_t die_work_ns) const;
  // ceil(bytes x time / unit_bytes) in ns.
  static std::uint64_t scaled_ns(std::uint64_t bytes, SimTimeNs time_ns, std::uint64_t unit_bytes);

  NandSpec nand_;
  std::uint64_t dies_;
  std::uint64_t channel_bytes_per_s_;  // all channels of all drives
  std::uint64_t program_unit_bytes_;   // planes x pages_per_wordline x page
  std::uint64_t read_unit_bytes_;      // planes x page
  std::uint64_t iu_bytes_;
  std::uint64_t slc_capacity_bytes_;
  std::uint64_t slc_used_bytes_ = 0;
  Port port_{1};
  SimTimeNs gc_busy_ns_ = 0;
  std::uint64_t slc_written_bytes_ = 0;
};

}  // namespace kvtier
