// `kvtier demand` output: one row per run side by side, each run's years, and a plain
// sentence wherever wear rather than capacity sets the drive count; and the same as JSON.
#pragma once

#include <string>
#include <vector>

#include "core/fleet/demand.h"

namespace kvtier {

std::string render_demand_table(const FleetSpec& fleet, const std::vector<Demand>& demands);
std::string render_demand_json(const FleetSpec& fleet, const std::vector<Demand>& demands);

}  // namespace kvtier
