#include "tiers/flash/nand_timing.h"

#include <algorithm>

#include "core/int128.h"

namespace kvtier {

NandTiming::NandTiming(const NandSpec& nand, std::int64_t devices)
    : nand_(nand),
      dies_(static_cast<std::uint64_t>(nand.dies * devices)),
      channel_bytes_per_s_(nand.channel_bytes_per_s * static_cast<std::uint64_t>(nand.channels * devices)),
      program_unit_bytes_(static_cast<std::uint64_t>(nand.planes * nand.pages_per_wordline) * nand.page_bytes),
      read_unit_bytes_(static_cast<std::uint64_t>(nand.planes) * nand.page_bytes),
      iu_bytes_(nand.iu_bytes),
      slc_capacity_bytes_(nand.slc_cache_bytes * static_cast<std::uint64_t>(devices)) {}

std::uint64_t NandTiming::scaled_ns(std::uint64_t bytes, SimTimeNs time_ns, std::uint64_t unit_bytes) {
  const UInt128 product = static_cast<UInt128>(bytes) * static_cast<std::uint64_t>(time_ns);
  return static_cast<std::uint64_t>((product + unit_bytes - 1) / unit_bytes);
}

SimTimeNs NandTiming::spread(std::uint64_t die_work_ns) const {
  return static_cast<SimTimeNs>((die_work_ns + dies_ - 1) / dies_);
}

PathLeg NandTiming::read_leg(std::uint64_t bytes) {
  const std::uint64_t units = (bytes + read_unit_bytes_ - 1) / read_unit_bytes_;
  const SimTimeNs dies_ns = spread(units * static_cast<std::uint64_t>(nand_.read_time_ns));
  const SimTimeNs channels_ns = transfer_ns(bytes, channel_bytes_per_s_);
  const SimTimeNs first_page_ns =
      nand_.read_time_ns + transfer_ns(std::min(bytes, nand_.page_bytes), nand_.channel_bytes_per_s);
  return PathLeg{&port_, first_page_ns, 1, std::max(dies_ns, channels_ns)};
}

PathLeg NandTiming::write_leg(const FtlWork& work, SimTimeNs now) {
  // Idle time since the array's last reservation folded SLC contents into the main NAND.
  if (slc_used_bytes_ > 0 && now > port_.last_end_ns()) {
    const auto idle_ns = static_cast<std::uint64_t>(now - port_.last_end_ns());
    const UInt128 folded = static_cast<UInt128>(idle_ns) * dies_ * program_unit_bytes_ /
                           static_cast<std::uint64_t>(nand_.program_time_ns);
    slc_used_bytes_ = folded >= slc_used_bytes_ ? 0 : slc_used_bytes_ - static_cast<std::uint64_t>(folded);
  }
  const std::uint64_t host_bytes = work.programmed_ius * iu_bytes_;
  const std::uint64_t in_slc = std::min(host_bytes, slc_capacity_bytes_ - slc_used_bytes_);
  slc_used_bytes_ += in_slc;
  slc_written_bytes_ += in_slc;
  const std::uint64_t host_ns = scaled_ns(in_slc, nand_.slc_program_time_ns, program_unit_bytes_) +
                                scaled_ns(host_bytes - in_slc, nand_.program_time_ns, program_unit_bytes_);
  const std::uint64_t moved_bytes = work.relocated_ius * iu_bytes_;
  const std::uint64_t gc_ns = (moved_bytes + read_unit_bytes_ - 1) / read_unit_bytes_ *
                                  static_cast<std::uint64_t>(nand_.read_time_ns) +
                              scaled_ns(moved_bytes, nand_.program_time_ns, program_unit_bytes_) +
                              work.erased_blocks * static_cast<std::uint64_t>(nand_.erase_time_ns);
  gc_busy_ns_ += spread(gc_ns);
  const SimTimeNs dies_ns = spread(host_ns + gc_ns);
  const SimTimeNs channels_ns = transfer_ns(host_bytes + 2 * moved_bytes, channel_bytes_per_s_);
  return PathLeg{&port_, 0, 1, std::max(dies_ns, channels_ns)};
}

double NandTiming::program_bytes_per_s() const {
  return static_cast<double>(dies_) * static_cast<double>(program_unit_bytes_) /
         (static_cast<double>(nand_.program_time_ns) * 1e-9);
}

double NandTiming::channel_bytes_per_s() const { return static_cast<double>(channel_bytes_per_s_); }

}  // namespace kvtier
