// report.html: one self-contained page per run (no script, no network), its charts inline
// SVG (core/report/svg_chart.h): where the reused prefix came from, the hit ratio
// against the Belady bound and against one LRU cache of every capacity, the TTFT CDF, each tier's bandwidth over time (when the run
// wrote timeseries.csv), and the flash tiers' write amplification over time and life.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/report/summary.h"
#include "core/sweep/miss_ratio_curve.h"

namespace kvtier {

// Per interval of timeseries.csv: its end, each tier's bytes read plus written per
// second, and the mean latency of the transfers into it (NaN in an interval without any).
struct TierTraffic {
  std::vector<double> end_s;
  std::vector<std::string> tiers;
  std::vector<std::vector<double>> bytes_per_s;  // [tier][interval]
  std::vector<std::vector<double>> write_latency_ms;  // [tier][interval]
};

// Reads a timeseries.csv as TimeSeries writes it, for the tiers named. Contract: returns
// nothing (never throws) when the file is absent or not in that form: the report then
// leaves the chart out.
std::optional<TierTraffic> read_tier_traffic(const std::filesystem::path& csv, const std::vector<std::string>& tiers);

// `traffic` and `curve` may be null: their charts are left out.
std::string render_report_html(const Summary& s, const TierTraffic* traffic, const MissRatioCurve* curve);

}  // namespace kvtier
