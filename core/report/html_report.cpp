#include "core/report/html_report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/report/svg_chart.h"
#include "core/units/units.h"
#include "kvtier/version.h"

namespace kvtier {

namespace {

std::string row(const std::string& name, const std::string& value) {
  return fmt::format("<tr><th>{}</th><td class=\"n\">{}</td></tr>\n", xml_escape(name), xml_escape(value));
}

std::string percent(double share) { return fmt::format("{:.2f}%", share * 100); }

std::string key_figures(const Summary& s) {
  std::string out = "<table>\n";
  out += row("requests", fmt::format("{} ({} completed, {} rejected)", s.requests, s.completed, s.rejected));
  out += row("prefix hit ratio (block-weighted)", percent(s.prefix_block_weighted));
  out += row("prefix hit ratio (per-request mean)", percent(s.prefix_request_mean));
  out += row("block hit ratio", percent(s.block_hit_ratio));
  if (s.belady) out += row("block hit ratio bound (Belady)", percent(s.belady->ratio()));
  if (s.ttft) {
    out += row("TTFT p50 / p99", fmt::format("{:.3f} / {:.3f} ms", static_cast<double>(s.ttft->p50_ns) / 1e6,
                                             static_cast<double>(s.ttft->p99_ns) / 1e6));
  }
  out += row("simulated time", fmt::format("{:.3f} s", static_cast<double>(s.sim_duration_ns) / 1e9));
  out += row("energy", fmt::format("{:.4g} J", s.energy_j));
  return out + "</table>\n";
}

std::string prefix_sources(const Summary& s) {
  std::vector<BarValue> bars;
  const double input = static_cast<double>(s.input_tokens);
  for (std::size_t l = 0; l < s.tiers.size() && l < s.served_tokens.size(); ++l) {
    bars.push_back({s.tiers[l].name, input == 0 ? 0 : static_cast<double>(s.served_tokens[l]) / input});
  }
  bars.push_back({"recomputed", input == 0 ? 0 : static_cast<double>(s.recomputed_tokens) / input});
  return bar_chart_svg({"Where the input tokens came from", "", "share of input tokens"}, bars);
}

std::string hit_against_bound(const Summary& s) {
  std::vector<BarValue> bars{{"prefix (block-weighted)", s.prefix_block_weighted}, {"block", s.block_hit_ratio}};
  return bar_chart_svg({"Hit ratio against the Belady bound", "", "hit ratio"}, bars,
                       s.belady ? std::optional(s.belady->ratio()) : std::nullopt, "Belady, all tiers' capacity");
}

// The run's prefix hit ratio (and its bound) beside the workload's LRU curve: how large one
// LRU cache would have to be to do as well as this system.
std::string against_capacity(const Summary& s, const MissRatioCurve& curve) {
  const std::uint64_t footprint = curve.footprint_blocks();
  const std::uint64_t tiers = s.belady ? s.belady->capacity_blocks : 0;
  // Past the footprint the curve is flat: show it up to twice that at most.
  const std::uint64_t right = std::max(footprint, std::min(tiers, 2 * footprint));
  if (right == 0) return "";
  LineSeries lru{"one LRU cache", {}, {}};
  std::vector<std::uint64_t> capacities;
  for (std::uint64_t k = 1; k <= 200; ++k) capacities.push_back(right * k / 200);
  for (const MrcPoint& p : curve.at(capacities)) {
    lru.x.push_back(static_cast<double>(p.capacity_blocks));
    lru.y.push_back(p.prefix_hit_ratio.value_or(p.block_hit_ratio));
  }
  const double x_max = static_cast<double>(right);
  std::vector<LineSeries> series{
      lru, {"this run", {0.0, x_max}, {s.prefix_block_weighted, s.prefix_block_weighted}}};
  if (s.belady) series.push_back({"Belady bound", {0.0, x_max}, {s.belady->ratio(), s.belady->ratio()}});
  if (tiers > 0 && tiers <= right) {
    const auto c = static_cast<double>(tiers);
    series.push_back({"all tiers' capacity", {c, c}, {0.0, 1.0}});
  }
  const auto count = [](std::uint64_t n) { return units::human_count(static_cast<double>(n)); };
  std::string note = fmt::format("Prefix hit ratios (block-weighted); the bound counts block hits. The workload "
                                 "touches {} distinct blocks",
                                 count(footprint));
  if (tiers > 0) note += fmt::format("; the tiers hold {} blocks together", count(tiers));
  const auto same = curve.capacity_for(s.prefix_block_weighted);
  note += same ? fmt::format(". One LRU cache of {} blocks matches this run.", count(*same))
               : ". No single LRU cache matches this run.";
  return line_chart_svg({"Hit ratio against capacity", "capacity (blocks)", "hit ratio"}, series) + "<p>" +
         xml_escape(note) + "</p>\n";
}

std::string ttft_cdf(const Summary& s) {
  LineSeries cdf{"TTFT", {}, {}};
  for (std::size_t p = 0; p < s.ttft_percentiles_ns.size(); ++p) {
    cdf.x.push_back(static_cast<double>(s.ttft_percentiles_ns[p]) / 1e6);
    cdf.y.push_back(static_cast<double>(p) / 100.0);
  }
  return line_chart_svg({"Time to first token, CDF", "TTFT (ms)", "share of requests"}, {cdf});
}

// Where transfers wait: each tier's p99, out of it and into it.
std::string transfer_latency(const Summary& s) {
  std::vector<BarValue> bars;
  for (const TierSummary& t : s.tiers) {
    if (t.read_latency) bars.push_back({t.name + " out", static_cast<double>(t.read_latency->p99_ns) / 1e6});
    if (t.write_latency) bars.push_back({t.name + " in", static_cast<double>(t.write_latency->p99_ns) / 1e6});
  }
  if (bars.empty()) return "";
  return bar_chart_svg({"Transfer latency by tier, p99 (queueing included)", "", "ms"}, bars);
}

// How many of timeseries.csv's intervals each point merges, when more than one.
std::string merged(const TierTraffic& t) {
  return t.intervals_per_point > 1 ? fmt::format("; {} intervals to a point", t.intervals_per_point) : "";
}

std::string bandwidth(const TierTraffic& t) {
  std::vector<LineSeries> series;
  for (std::size_t k = 0; k < t.tiers.size(); ++k) series.push_back({t.tiers[k], t.end_s, t.bytes_per_s[k]});
  return line_chart_svg({"Tier bandwidth over time (read + written" + merged(t) + ")", "simulated time (s)", "bytes/s"},
                        series);
}

// Each transfer goes into one tier: the tiers' lines together cover every transfer.
std::string latency_over_time(const TierTraffic& t) {
  std::vector<LineSeries> series;
  for (std::size_t k = 0; k < t.tiers.size(); ++k) {
    const std::vector<double>& ms = t.write_latency_ms[k];
    if (std::none_of(ms.begin(), ms.end(), [](double v) { return std::isfinite(v); })) continue;
    series.push_back({"into " + t.tiers[k], t.end_s, ms});
  }
  if (series.empty()) return "";
  return line_chart_svg(
      {"Transfer latency over time (mean per interval" + merged(t) + ", queueing included)", "simulated time (s)", "ms"},
      series);
}

std::string wear(const Summary& s) {
  std::vector<LineSeries> waf;
  std::vector<BarValue> life;
  for (const TierSummary& t : s.tiers) {
    if (!t.flash) continue;
    LineSeries line{t.name, {}, {}};
    for (const WafSample& w : t.flash->waf_over_time) {
      line.x.push_back(w.start_s);
      line.y.push_back(w.waf);
    }
    waf.push_back(std::move(line));
    life.push_back({t.name, t.flash->life_years});
  }
  if (waf.empty()) return "";
  return "<h2>Wear</h2>\n" +
         line_chart_svg({"Write amplification over time", "simulated time (s)", "NAND bytes / host bytes"}, waf) +
         bar_chart_svg({"Life at this run's NAND write rate (to the P/E rating)", "", "years"}, life) + "\n";
}
}  // namespace

std::string render_report_html(const Summary& s, const TierTraffic* traffic, const MissRatioCurve* curve) {
  std::string out = fmt::format("<h1>kvtier: {}</h1>\n<p>{}; {} instance(s) of {} x {}, {} at {}; kvtier {}.</p>\n",
                     xml_escape(s.system_name), xml_escape(s.workload), s.instances, s.accelerators_per_instance,
                     xml_escape(s.accelerator), xml_escape(s.model), xml_escape(s.kv_dtype), kVersion);
  if (!s.complete) {
    out += fmt::format("<p class=\"incomplete\">Incomplete run: {}</p>\n", xml_escape(s.error));
  }
  out += key_figures(s);
  out += "<h2>Hits</h2>\n" + prefix_sources(s) + hit_against_bound(s) + "\n";
  if (curve != nullptr) out += against_capacity(s, *curve);
  if (!s.ttft_percentiles_ns.empty()) out += "<h2>Latency</h2>\n" + ttft_cdf(s) + transfer_latency(s) + "\n";
  if (traffic != nullptr) out += "<h2>Bandwidth</h2>\n" + bandwidth(*traffic) + latency_over_time(*traffic) + "\n";
  out += wear(s);
  return html_page("kvtier: " + s.system_name, out);
}

}  // namespace kvtier
