#include <cstdio>
#include <fmt/format.h>
#include <fstream>

#include "apps/commands.h"
#include "core/fleet/demand_input.h"
#include "core/report/demand_report.h"
#include "kvtier/error.h"

namespace kvtier::cli {

int demand_command(const DemandArgs& args) {
  // Written so that NaN, which fails every comparison, is refused with the rest.
  if (!(args.gpus > 0 && args.gpus <= 1e9)) {
    throw Error(ExitCode::kUsage, fmt::format("--gpus {}: must be above 0 and at most 1e9", args.gpus));
  }
  if (args.years < 1 || args.years > 100) throw Error(ExitCode::kUsage, fmt::format("--years {}: 1 to 100", args.years));
  if (!(args.growth > -1.0 && args.growth <= 100)) {
    throw Error(ExitCode::kUsage, fmt::format("--growth {}: must be above -1 and at most 100", args.growth));
  }
  if (!(args.compression > 0 && args.compression <= 1e6)) {
    throw Error(ExitCode::kUsage, fmt::format("--compression {}: must be above 0 and at most 1e6", args.compression));
  }
  if (!args.kv_dtype.empty() && args.kv_dtype != "bf16" && args.kv_dtype != "fp8") {
    throw Error(ExitCode::kUsage, fmt::format("--kv-dtype '{}': choose bf16 or fp8", args.kv_dtype));
  }
  FleetSpec fleet;
  fleet.gpus = args.gpus;
  fleet.years = args.years;
  fleet.growth = args.growth;
  fleet.kv_dtype = args.kv_dtype;
  fleet.compression = args.compression;
  fleet.drive = drive_preset(args.drive);
  std::vector<Demand> demands;
  for (const std::string& dir : args.results) {
    for (const RunWrites& run : read_run_writes(dir)) demands.push_back(compute_demand(run, fleet));
  }
  const std::string table = render_demand_table(fleet, demands);
  if (!args.json.empty()) {
    std::ofstream out(args.json, std::ios::trunc);
    out << render_demand_json(fleet, demands);
    if (!out.flush()) throw Error(ExitCode::kIoErr, fmt::format("{}: cannot write", args.json));
  }
  std::fputs(table.c_str(), stdout);
  return 0;
}

}  // namespace kvtier::cli
