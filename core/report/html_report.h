// report.html: one self-contained page per run (no script, no network), its charts inline
// SVG (core/report/svg_chart.h): where the reused prefix came from, the hit ratio
// against the Belady bound and against one LRU cache of every capacity, the TTFT CDF, each tier's bandwidth over time (when the run
// wrote timeseries.csv), and the flash tiers' write amplification over time and life.
#pragma once

#include <string>

#include "core/report/summary.h"
#include "core/report/tier_traffic.h"
#include "core/sweep/miss_ratio_curve.h"

namespace kvtier {

// `traffic` and `curve` may be null: their charts are left out.
std::string render_report_html(const Summary& s, const TierTraffic* traffic, const MissRatioCurve* curve);

}  // namespace kvtier
