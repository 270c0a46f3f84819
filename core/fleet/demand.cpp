#include "core/fleet/demand.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
double bytes_per_value(const std::string& dtype) { return dtype == "fp8" ? 1.0 : 2.0; }

// Beyond 2^53 drives a double no longer counts them one by one.
constexpr double kMaxDrives = 9007199254740992.0;

std::uint64_t whole_drives(double need, int year) {
  if (!(need <= kMaxDrives)) {
    throw Error(ExitCode::kUsage, fmt::format("year {}: the fleet would need more than 2^53 drives: --gpus, "
                                              "--growth or --years is too large for the runs' rates", year));
  }
  // A need that is a whole number of drives up to rounding noise takes that many.
  const double rounded = std::round(need);
  if (std::fabs(need - rounded) <= 1e-9 * std::max(1.0, rounded)) return static_cast<std::uint64_t>(rounded);
  return static_cast<std::uint64_t>(std::ceil(need));
}
}  // namespace

std::string_view drive_limit_name(DriveLimit limit) {
  switch (limit) {
    case DriveLimit::kEndurance: return "endurance";
    case DriveLimit::kBandwidth: return "bandwidth";
    case DriveLimit::kCapacity: break;
  }
  return "capacity";
}

Demand compute_demand(const RunWrites& run, const FleetSpec& fleet) {
  Demand d;
  d.label = run.label;
  const std::string& dtype = fleet.kv_dtype.empty() ? run.kv_dtype : fleet.kv_dtype;
  d.scale = bytes_per_value(dtype) / bytes_per_value(run.kv_dtype) / fleet.compression;
  d.waf = run.waf;
  d.waf_modelled = run.waf_modelled;
  d.host_bytes_per_gpu_day = run.host_bytes_per_gpu_day * d.scale;
  d.nand_bytes_per_gpu_day = d.host_bytes_per_gpu_day * run.waf;
  const double capacity_per_gpu =
      fleet.capacity_bytes_per_gpu > 0 ? fleet.capacity_bytes_per_gpu : run.capacity_bytes_per_gpu * d.scale;
  const double read_per_gpu = run.read_bytes_per_gpu_s * d.scale;
  const DriveSpec& drive = fleet.drive;
  std::uint64_t drives_before = 0;
  for (int y = 1; y <= fleet.years; ++y) {
    DemandYear year;
    year.year = y;
    year.gpus = fleet.gpus * std::pow(1.0 + fleet.growth, y - 1);
    year.drives_for_capacity = whole_drives(capacity_per_gpu * year.gpus / drive.user_bytes, y);
    year.drives_for_endurance =
        whole_drives(d.host_bytes_per_gpu_day * year.gpus / (drive.rated_dwpd * drive.user_bytes), y);
    year.drives_for_bandwidth = whole_drives(read_per_gpu * year.gpus / drive.read_bytes_per_s, y);
    year.drives = year.drives_for_capacity;
    if (year.drives_for_endurance > year.drives) {
      year.drives = year.drives_for_endurance;
      year.limit = DriveLimit::kEndurance;
    }
    if (year.drives_for_bandwidth > year.drives) {
      year.drives = year.drives_for_bandwidth;
      year.limit = DriveLimit::kBandwidth;
    }
    year.new_drives = year.drives > drives_before ? year.drives - drives_before : 0;
    drives_before = std::max(drives_before, year.drives);
    const double nand_per_year = d.nand_bytes_per_gpu_day * year.gpus * 365.0;
    year.replacement_drives = nand_per_year / (drive.pe_cycles * drive.raw_bytes);
    const double bought = static_cast<double>(year.new_drives) + year.replacement_drives;
    year.nand_bytes = bought * drive.raw_bytes;
    year.cost_usd = bought * drive.user_bytes / 1e9 * drive.usd_per_gb;
    d.nand_bytes_total += year.nand_bytes;
    d.cost_usd_total += year.cost_usd;
    d.years.push_back(year);
  }
  const DemandYear& first = d.years.front();
  d.dwpd_required = first.drives == 0 ? 0.0
                                      : d.host_bytes_per_gpu_day * first.gpus /
                                            (static_cast<double>(first.drives) * drive.user_bytes);
  return d;
}

}  // namespace kvtier
