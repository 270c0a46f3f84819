// libFuzzer: any bytes as a finished run's summary.json, read by `kvtier demand`. The
// only acceptable outcomes are a run's figures, every one finite and non-negative, or a
// kvtier::Error with exit 65; a fleet's demand from those figures is then finite too, or
// refused (64) for needing more than 2^53 drives.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/fleet/demand.h"
#include "core/fleet/demand_input.h"
#include "kvtier/error.h"

namespace {
void check_finite(double v) {
  if (!std::isfinite(v) || v < 0) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  kvtier::RunWrites run;
  try {
    run = kvtier::parse_run_writes(text, "fuzz", "x");
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kDataErr) std::abort();
    return 0;
  }
  check_finite(run.host_bytes_per_gpu_day);
  check_finite(run.waf);
  check_finite(run.capacity_bytes_per_gpu);
  check_finite(run.read_bytes_per_gpu_s);
  // The largest fleet the CLI takes: a billion GPUs, growing a hundredfold a year for 3 years.
  kvtier::FleetSpec fleet;
  fleet.gpus = 1e9;
  fleet.years = 3;
  fleet.growth = 100;
  fleet.drive = kvtier::DriveSpec{"d", 1e12, 1.1e12, 1e9, 0.5, 1000, 0.1};
  try {
    const kvtier::Demand d = kvtier::compute_demand(run, fleet);
    check_finite(d.nand_bytes_total);
    check_finite(d.cost_usd_total);
    check_finite(d.dwpd_required);
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kUsage) std::abort();
  }
  return 0;
}
