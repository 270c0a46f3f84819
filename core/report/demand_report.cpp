#include "core/report/demand_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/report/text_table.h"
#include "core/units/units.h"

namespace kvtier {

namespace {
std::string bytes(double b) { return units::human_bytes(b); }
std::string drives(std::uint64_t n) { return fmt::format("{}", n); }

// "wear sets the count" sentences, one per run and year where it does.
std::string wear_notes(const Demand& d) {
  std::string out;
  for (const DemandYear& y : d.years) {
    if (y.limit != DriveLimit::kEndurance) continue;
    out += fmt::format("  year {}: wear, not capacity, sets the drive count: {} drives for endurance against {} for "
                       "capacity ({:.1f}x)\n",
                       y.year, y.drives_for_endurance, y.drives_for_capacity,
                       y.drives_for_capacity == 0 ? 0.0
                                                  : static_cast<double>(y.drives_for_endurance) /
                                                        static_cast<double>(y.drives_for_capacity));
  }
  return out;
}
}  // namespace

std::string render_demand_table(const FleetSpec& fleet, const std::vector<Demand>& demands) {
  const DriveSpec& drive = fleet.drive;
  std::string out = fmt::format(
      "fleet: {} GPUs in year 1, growing {:.0f}% a year, over {} years; KV bytes x{:.2f} of the run's{}\n"
      "drive: {} ({} user, {} raw, {:.2f} DWPD, {:.0f} P/E, {}/s read, ${:.3f}/GB)\n",
      units::human_count(fleet.gpus), fleet.growth * 100.0, fleet.years, demands.empty() ? 1.0 : demands[0].scale,
      fleet.kv_dtype.empty() ? "" : fmt::format(" ({})", fleet.kv_dtype), drive.name, bytes(drive.user_bytes),
      bytes(drive.raw_bytes), drive.rated_dwpd, drive.pe_cycles, bytes(drive.read_bytes_per_s), drive.usd_per_gb);
  std::vector<std::vector<std::string>> rows{{"run", "host/GPU/day", "NAND/GPU/day", "WAF", "DWPD need", "drives y1",
                                              "set by", "NAND bought", "cost"}};
  for (const Demand& d : demands) {
    const DemandYear& y1 = d.years.front();
    rows.push_back({d.label, bytes(d.host_bytes_per_gpu_day), bytes(d.nand_bytes_per_gpu_day),
                    d.waf_modelled ? fmt::format("{:.2f}", d.waf) : "1 (assumed)", fmt::format("{:.3f}", d.dwpd_required),
                    drives(y1.drives), std::string(drive_limit_name(y1.limit)), bytes(d.nand_bytes_total),
                    fmt::format("${}", units::human_count(d.cost_usd_total))});
  }
  out += '\n';
  out += text_table(rows);
  for (const Demand& d : demands) {
    out += fmt::format("\n{}\n", d.label);
    std::vector<std::vector<std::string>> years{{"year", "GPUs", "capacity", "endurance", "bandwidth", "drives",
                                                 "set by", "new", "worn out", "NAND bought", "cost"}};
    for (const DemandYear& y : d.years) {
      years.push_back({fmt::format("{}", y.year), units::human_count(y.gpus), drives(y.drives_for_capacity),
                       drives(y.drives_for_endurance), drives(y.drives_for_bandwidth), drives(y.drives),
                       std::string(drive_limit_name(y.limit)), drives(y.new_drives),
                       fmt::format("{:.1f}", y.replacement_drives), bytes(y.nand_bytes),
                       fmt::format("${}", units::human_count(y.cost_usd))});
    }
    out += text_table(years);
    out += wear_notes(d);
    if (!d.waf_modelled) out += "  (no flash tier of this run had its NAND modelled: WAF 1 assumed)\n";
  }
  return out;
}

std::string render_demand_json(const FleetSpec& fleet, const std::vector<Demand>& demands) {
  using Json = nlohmann::ordered_json;
  const DriveSpec& drive = fleet.drive;
  Json j;
  j["fleet"] = {{"gpus", fleet.gpus},       {"years", fleet.years},
                {"growth", fleet.growth},   {"kv_dtype", fleet.kv_dtype},
                {"compression", fleet.compression}};
  j["drive"] = {{"name", drive.name},
                {"user_bytes", drive.user_bytes},
                {"raw_bytes", drive.raw_bytes},
                {"read_bytes_per_s", drive.read_bytes_per_s},
                {"rated_dwpd", drive.rated_dwpd},
                {"pe_cycles", drive.pe_cycles},
                {"usd_per_gb", drive.usd_per_gb}};
  Json runs = Json::array();
  for (const Demand& d : demands) {
    Json years = Json::array();
    for (const DemandYear& y : d.years) {
      years.push_back({{"year", y.year},
                       {"gpus", y.gpus},
                       {"drives_for_capacity", y.drives_for_capacity},
                       {"drives_for_endurance", y.drives_for_endurance},
                       {"drives_for_bandwidth", y.drives_for_bandwidth},
                       {"drives", y.drives},
                       {"set_by", drive_limit_name(y.limit)},
                       {"new_drives", y.new_drives},
                       {"replacement_drives", y.replacement_drives},
                       {"nand_bytes", y.nand_bytes},
                       {"cost_usd", y.cost_usd}});
    }
    runs.push_back({{"label", d.label},
                    {"scale", d.scale},
                    {"host_bytes_per_gpu_day", d.host_bytes_per_gpu_day},
                    {"nand_bytes_per_gpu_day", d.nand_bytes_per_gpu_day},
                    {"waf", d.waf},
                    {"waf_modelled", d.waf_modelled},
                    {"dwpd_required", d.dwpd_required},
                    {"nand_bytes_total", d.nand_bytes_total},
                    {"cost_usd_total", d.cost_usd_total},
                    {"years", years}});
  }
  j["runs"] = runs;
  return j.dump(2) + "\n";
}

}  // namespace kvtier
