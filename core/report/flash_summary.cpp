#include "core/report/flash_summary.h"

#include <algorithm>

namespace kvtier {

FlashSummary summarize_flash(const Hierarchy& hierarchy, std::size_t level, SimTimeNs duration_ns) {
  const NandSpec& nand = hierarchy.tier(level).nand;
  FlashSummary f;
  f.placement = std::string(placement_name(nand.placement));
  f.gc = std::string(gc_policy_name(nand.gc));
  f.over_provisioning = nand.over_provisioning;
  f.pe_rated = nand.pe_cycles;
  std::uint64_t erase_blocks = 0;
  SimTimeNs nand_busy_ns = 0;
  SimTimeNs gc_busy_ns = 0;
  std::vector<WafInterval> intervals;
  std::int64_t origin = -1;  // the earliest interval any copy wrote in
  for (std::size_t c = 0; c < hierarchy.copies(level); ++c) {
    const FlashVolume& v = *hierarchy.flash(level, c);
    const Ftl& ftl = v.ftl();
    f.logical_bytes += v.logical_bytes();
    f.raw_bytes += ftl.raw_bytes();
    f.host_written_bytes += ftl.host_bytes();
    f.nand_written_bytes += ftl.nand_bytes();
    f.relocated_bytes += ftl.relocated_ius() * ftl.iu_bytes();
    f.erases += ftl.erases();
    erase_blocks += ftl.erase_blocks();
    f.pe_max = std::max<std::uint64_t>(f.pe_max, ftl.max_pe());
    nand_busy_ns += v.timing().port().busy_ns();
    gc_busy_ns += v.timing().gc_busy_ns();
    f.slc_written_bytes += v.timing().slc_written_bytes();
    if (v.first_interval() >= 0 && (origin < 0 || v.first_interval() < origin)) origin = v.first_interval();
  }
  // Copies start writing at different times: their intervals line up from the earliest.
  for (std::size_t c = 0; c < hierarchy.copies(level); ++c) {
    const FlashVolume& v = *hierarchy.flash(level, c);
    if (v.first_interval() < 0) continue;
    const auto shift = static_cast<std::size_t>(v.first_interval() - origin);
    for (std::size_t i = 0; i < v.intervals().size(); ++i) {
      if (shift + i >= intervals.size()) intervals.resize(shift + i + 1);
      intervals[shift + i].host_bytes += v.intervals()[i].host_bytes;
      intervals[shift + i].nand_bytes += v.intervals()[i].nand_bytes;
    }
  }
  const auto div = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  f.waf = div(static_cast<double>(f.nand_written_bytes), static_cast<double>(f.host_written_bytes));
  f.pe_mean = div(static_cast<double>(f.erases), static_cast<double>(erase_blocks));
  const double days = static_cast<double>(duration_ns) / 86400e9;
  f.host_bytes_per_day = div(static_cast<double>(f.host_written_bytes), days);
  f.nand_bytes_per_day = div(static_cast<double>(f.nand_written_bytes), days);
  f.dwpd_required = div(f.host_bytes_per_day, static_cast<double>(f.logical_bytes));
  f.dwpd_rated = nand.rated_dwpd;
  const double copies = static_cast<double>(hierarchy.copies(level));
  f.pbw_rated = nand.rated_pbw_for(div(static_cast<double>(f.logical_bytes), copies));
  // hardware.md §5.2(d): P/E per day = NAND bytes per day / raw capacity.
  const double pe_per_day = div(f.nand_bytes_per_day, static_cast<double>(f.raw_bytes));
  f.life_years = div(static_cast<double>(nand.pe_cycles), pe_per_day * 365.0);
  const double rated_host_bytes = f.pbw_rated * 1e15 * copies;
  f.rated_life_years = div(rated_host_bytes, f.host_bytes_per_day * 365.0);
  const double array_ns = copies * static_cast<double>(duration_ns);
  f.nand_busy_fraction = div(static_cast<double>(nand_busy_ns), array_ns);
  f.gc_busy_fraction = div(static_cast<double>(gc_busy_ns), array_ns);
  const double interval_s = static_cast<double>(nand.waf_interval_ns) / 1e9;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const WafInterval& w = intervals[i];
    f.waf_over_time.push_back(WafSample{static_cast<double>(origin + static_cast<std::int64_t>(i)) * interval_s,
                                        w.host_bytes, w.nand_bytes,
                                        div(static_cast<double>(w.nand_bytes), static_cast<double>(w.host_bytes))});
  }
  return f;
}

}  // namespace kvtier
