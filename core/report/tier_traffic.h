// What report.html draws from timeseries.csv: per point, its end, each tier's bytes read
// plus written per second, and the mean latency of the transfers into it. A series longer
// than kMaxTrafficPoints is drawn with consecutive intervals merged, the same number to
// each point: a polyline of a million points would make a page of tens of megabytes that
// shows no more than a thousand do.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kvtier {

inline constexpr std::size_t kMaxTrafficPoints = 1000;

struct TierTraffic {
  std::vector<double> end_s;
  std::vector<std::string> tiers;
  std::vector<std::vector<double>> bytes_per_s;       // [tier][point]
  std::vector<std::vector<double>> write_latency_ms;  // [tier][point]: NaN without transfers
  std::size_t intervals_per_point = 1;
};

// Reads a timeseries.csv as TimeSeries writes it, for the tiers named; a merged point's
// bandwidth is its intervals' bytes over their time, its latency their transfers' mean.
// Contract: returns nothing (never throws) when the file is absent or not in that form:
// the report then leaves the charts out.
std::optional<TierTraffic> read_tier_traffic(const std::filesystem::path& csv, const std::vector<std::string>& tiers);

}  // namespace kvtier
