#include "core/report/mrc_report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/int128.h"
#include "core/report/svg_chart.h"
#include "core/report/text_table.h"
#include "core/units/units.h"

namespace kvtier {

namespace {
constexpr std::uint64_t kChartPoints = 200;

std::uint64_t bytes_of(std::uint64_t blocks, std::uint64_t block_bytes) {
  if (block_bytes != 0 && blocks > UINT64_MAX / block_bytes) return UINT64_MAX;
  return blocks * block_bytes;
}

std::string method(const MissRatioCurve& curve) {
  return curve.sampled() ? fmt::format("SHARDS, sampling rate {:.6g}", curve.sample_rate()) : "exact (every block)";
}

nlohmann::ordered_json point_json(const MrcPoint& p, std::uint64_t block_bytes) {
  nlohmann::ordered_json j;
  j["capacity_blocks"] = p.capacity_blocks;
  j["capacity_bytes"] = bytes_of(p.capacity_blocks, block_bytes);
  j["block_hit_ratio"] = p.block_hit_ratio;
  j["prefix_hit_ratio"] = p.prefix_hit_ratio ? nlohmann::ordered_json(*p.prefix_hit_ratio) : nullptr;
  j["request_prefix_hit_ratio"] =
      p.request_prefix_hit_ratio ? nlohmann::ordered_json(*p.request_prefix_hit_ratio) : nullptr;
  return j;
}

std::string ratio_cell(const std::optional<double>& v) { return v ? percent(*v) : "-"; }

std::string capacity_cell(std::uint64_t blocks, std::uint64_t block_bytes) {
  return fmt::format("{} blocks ({})", units::human_count(static_cast<double>(blocks)),
                     units::human_bytes(static_cast<double>(bytes_of(blocks, block_bytes))));
}
}  // namespace

std::vector<std::uint64_t> even_capacities(std::uint64_t footprint_blocks, std::uint64_t points) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t k = 1; k <= points; ++k) {
    const auto c = static_cast<std::uint64_t>(static_cast<UInt128>(footprint_blocks) * k / points);
    if (c > 0 && (out.empty() || c != out.back())) out.push_back(c);
  }
  return out;
}

std::vector<std::uint64_t> ratio_capacities(std::uint64_t footprint_blocks, std::uint64_t points) {
  if (points <= 1 || footprint_blocks <= 1) return even_capacities(footprint_blocks, std::min<std::uint64_t>(points, 1));
  const double first = std::max(1.0, static_cast<double>(footprint_blocks) / 1000);
  const double step = std::pow(static_cast<double>(footprint_blocks) / first, 1.0 / static_cast<double>(points - 1));
  std::vector<std::uint64_t> out;
  for (std::uint64_t k = 0; k < points; ++k) {
    const auto c = k + 1 == points ? footprint_blocks
                                   : static_cast<std::uint64_t>(std::llround(first * std::pow(step, static_cast<double>(k))));
    if (c > 0 && (out.empty() || c > out.back())) out.push_back(c);
  }
  return out;
}

std::string mrc_csv(const MrcReport& r) {
  std::string out = "capacity_blocks,capacity_bytes,block_hit_ratio,prefix_hit_ratio,request_prefix_hit_ratio\n";
  const auto cell = [](const std::optional<double>& v) { return v ? fmt::format("{:.6f}", *v) : std::string(); };
  for (const MrcPoint& p : r.points) {
    out += fmt::format("{},{},{:.6f},{},{}\n", p.capacity_blocks, bytes_of(p.capacity_blocks, r.block_bytes),
                       p.block_hit_ratio, cell(p.prefix_hit_ratio), cell(p.request_prefix_hit_ratio));
  }
  return out;
}

std::string mrc_json(const MrcReport& r, const MissRatioCurve& curve) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["system"] = r.system;
  j["workload"] = r.workload;
  j["complete"] = r.complete;
  if (!r.complete) j["error"] = r.error;
  j["cache"] = "lru";
  j["method"] = curve.sampled() ? "shards" : "exact";
  j["sample_rate"] = curve.sample_rate();
  j["requests"] = curve.requests();
  j["block_accesses"] = curve.block_accesses();
  j["block_bytes"] = r.block_bytes;
  j["footprint_blocks"] = curve.footprint_blocks();
  j["footprint_bytes"] = bytes_of(curve.footprint_blocks(), r.block_bytes);
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (const MrcPoint& p : r.points) points.push_back(point_json(p, r.block_bytes));
  j["points"] = points;
  j["all_tiers"] = r.system_point ? point_json(*r.system_point, r.block_bytes) : nlohmann::ordered_json(nullptr);
  if (r.target) {
    nlohmann::ordered_json t;
    t[curve.sampled() ? "block_hit_ratio" : "prefix_hit_ratio"] = *r.target;
    t["capacity_blocks"] = r.target_capacity_blocks ? nlohmann::ordered_json(*r.target_capacity_blocks) : nullptr;
    t["capacity_bytes"] = r.target_capacity_blocks
                              ? nlohmann::ordered_json(bytes_of(*r.target_capacity_blocks, r.block_bytes))
                              : nullptr;
    j["target"] = t;
  }
  return j.dump(2) + "\n";
}

std::string render_mrc_html(const MrcReport& r, const MissRatioCurve& curve) {
  const std::vector<std::uint64_t> capacities = even_capacities(curve.footprint_blocks(), kChartPoints);
  const std::vector<MrcPoint> points = curve.at(capacities);
  LineSeries block{"any block", {}, {}};
  LineSeries prefix{"prefix, block-weighted", {}, {}};
  for (const MrcPoint& p : points) {
    block.x.push_back(static_cast<double>(p.capacity_blocks));
    block.y.push_back(p.block_hit_ratio);
    if (p.prefix_hit_ratio) {
      prefix.x.push_back(static_cast<double>(p.capacity_blocks));
      prefix.y.push_back(*p.prefix_hit_ratio);
    }
  }
  std::vector<LineSeries> series;
  if (!prefix.x.empty()) series.push_back(prefix);
  series.push_back(block);
  if (r.system_point) {
    // A vertical line at the system's capacity, where it falls within the chart.
    const auto c = static_cast<double>(r.system_point->capacity_blocks);
    if (c <= static_cast<double>(curve.footprint_blocks())) {
      series.push_back({fmt::format("all tiers ({} blocks)", units::human_count(c)), {c, c}, {0.0, 1.0}});
    }
  }
  std::string body = fmt::format("<h1>kvtier mrc: {}</h1>\n<p>{}; {} requests, {} block accesses; footprint {}. "
                                 "LRU, {}.{}</p>\n",
                                 xml_escape(r.system), xml_escape(r.workload),
                                 units::human_count(static_cast<double>(curve.requests())),
                                 units::human_count(static_cast<double>(curve.block_accesses())),
                                 xml_escape(capacity_cell(curve.footprint_blocks(), r.block_bytes)),
                                 xml_escape(method(curve)),
                                 r.complete ? "" : " Stopped before the workload ended.");
  body += line_chart_svg({"Hit ratio of one LRU cache, by capacity", "capacity (blocks)", "hit ratio"}, series);
  std::string table = "<table>\n<tr><th>capacity</th><th>any block</th><th>prefix</th><th>prefix, per request</th></tr>\n";
  for (const MrcPoint& p : r.points) {
    table += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                         xml_escape(capacity_cell(p.capacity_blocks, r.block_bytes)), percent(p.block_hit_ratio),
                         ratio_cell(p.prefix_hit_ratio), ratio_cell(p.request_prefix_hit_ratio));
  }
  table += "</table>\n";
  return html_page("kvtier mrc", body + table);
}

std::string render_mrc_table(const MrcReport& r, const MissRatioCurve& curve, const std::string& results_dir) {
  std::string out = fmt::format("kvtier mrc: {} on {}\n", r.system, r.workload);
  out += fmt::format("  {} requests, {} block accesses; footprint {}\n",
                     units::human_count(static_cast<double>(curve.requests())),
                     units::human_count(static_cast<double>(curve.block_accesses())),
                     capacity_cell(curve.footprint_blocks(), r.block_bytes));
  out += fmt::format("  one LRU cache, {}{}\n\n", method(curve), r.complete ? "" : "; stopped before the workload ended");
  std::vector<std::vector<std::string>> rows{{"capacity", "any block", "prefix", "prefix, per request"}};
  const auto row = [&](const std::string& label, const MrcPoint& p) {
    rows.push_back({label, percent(p.block_hit_ratio), ratio_cell(p.prefix_hit_ratio),
                    ratio_cell(p.request_prefix_hit_ratio)});
  };
  for (const MrcPoint& p : r.points) row(capacity_cell(p.capacity_blocks, r.block_bytes), p);
  if (r.system_point) row("all tiers: " + capacity_cell(r.system_point->capacity_blocks, r.block_bytes), *r.system_point);
  out += text_table(rows);
  if (curve.sampled()) {
    out += fmt::format("\nsampled: below about {} blocks (100 / rate) the curve is rough\n",
                       units::human_count(100 / curve.sample_rate()));
  }
  if (r.target) {
    const std::string what = curve.sampled() ? "any-block" : "prefix";
    if (r.target_capacity_blocks) {
      out += fmt::format("\n{} hit ratio {} needs {}\n", what, percent(*r.target),
                         capacity_cell(*r.target_capacity_blocks, r.block_bytes));
    } else {
      // Every block held: only first uses miss, and that is still short of the target.
      const MrcPoint all = curve.at(std::vector<std::uint64_t>{curve.footprint_blocks()}).front();
      out += fmt::format("\n{} hit ratio {}: no capacity reaches it (holding every block gives {})\n", what,
                         percent(*r.target), percent(all.prefix_hit_ratio.value_or(all.block_hit_ratio)));
    }
  }
  out += fmt::format("\nresults: {}/ (mrc.csv, mrc.json, mrc.html)\n", results_dir);
  return out;
}

}  // namespace kvtier
