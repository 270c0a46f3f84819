#include "core/report/compare_report.h"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

#include "core/report/csv.h"
#include "core/report/summary_json.h"
#include "core/report/text_table.h"
#include "core/units/units.h"

namespace kvtier {

namespace {
std::uint64_t written_below_first(const Summary& s) {
  std::uint64_t total = 0;
  for (std::size_t i = 1; i < s.tiers.size(); ++i) total += s.tiers[i].written_bytes;
  return total;
}

std::uint64_t refused(const Summary& s) {
  std::uint64_t total = 0;
  for (const TierSummary& t : s.tiers) total += t.refused_blocks;
  return total;
}

// The tiers below the first, by name, as the first point has them (a sweep over the
// tier list can give points different tiers; each column then reads its own tier).
std::vector<std::string> lower_tiers(const Comparison& c) {
  std::vector<std::string> names;
  for (const ComparePoint& p : c.points) {
    for (std::size_t i = 1; i < p.summary.tiers.size(); ++i) {
      if (std::find(names.begin(), names.end(), p.summary.tiers[i].name) == names.end()) {
        names.push_back(p.summary.tiers[i].name);
      }
    }
  }
  return names;
}

const TierSummary* tier_named(const Summary& s, const std::string& name) {
  for (const TierSummary& t : s.tiers) {
    if (t.name == name) return &t;
  }
  return nullptr;
}
}  // namespace

std::vector<std::string> shortfalls(const Comparison& c, const Summary& s) {
  std::vector<std::string> out;
  for (const Requirement& r : c.requirements) {
    if (auto why = shortfall(r, s)) out.push_back(std::move(*why));
  }
  return out;
}

std::string meets_text(const Comparison& c, const Summary& s) {
  const std::vector<std::string> why = shortfalls(c, s);
  std::string out = why.empty() ? "yes" : "no:";
  for (const std::string& w : why) out += " " + w;
  return out;
}

std::string requirements_text(const Comparison& c) {
  std::string out;
  for (const Requirement& r : c.requirements) out += (out.empty() ? "" : ", ") + r.text;
  return out;
}

std::string settings_text(const Comparison& c, const ComparePoint& p) {
  std::string out;
  for (std::size_t a = 0; a < c.axes.size(); ++a) out += fmt::format("{}{}={}", a == 0 ? "" : ", ", c.axes[a], p.values[a]);
  return out;
}

std::optional<std::size_t> best_meeting(const Comparison& c, CompareSort sort) {
  for (const std::size_t i : compare_order(c, sort)) {
    if (shortfalls(c, c.points[i].summary).empty()) return i;
  }
  return std::nullopt;
}

std::optional<double> gap_to_belady(const Comparison& c, const ComparePoint& p) {
  if (!p.bound) return std::nullopt;
  return c.bounds[*p.bound].hits.ratio() - p.summary.prefix_block_weighted;
}

std::vector<std::size_t> compare_order(const Comparison& c, CompareSort sort) {
  std::vector<std::size_t> order(c.points.size());
  std::iota(order.begin(), order.end(), 0);
  const auto key = [&](std::size_t i) {
    const Summary& s = c.points[i].summary;
    switch (sort) {
      case CompareSort::kHit: return -s.prefix_block_weighted;
      case CompareSort::kTtft: return s.ttft ? s.ttft->mean_ns : 0.0;
      case CompareSort::kWritten: return static_cast<double>(written_below_first(s));
      case CompareSort::kCost: return s.cost_usd;
      case CompareSort::kNone: break;
    }
    return 0.0;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

std::string render_compare_table(const Comparison& c, CompareSort sort) {
  const bool timed = !c.points.empty() && c.points.front().summary.timed;
  const std::vector<std::string> lower = lower_tiers(c);
  std::vector<std::string> header = c.axes;
  for (const char* h : {"prefix hit", "per request", "Belady", "gap"}) header.emplace_back(h);
  if (timed) {
    header.emplace_back("TTFT mean");
    header.emplace_back("TTFT p99");
  }
  for (const std::string& t : lower) header.push_back(t + " written");
  header.emplace_back("refused");
  header.emplace_back("cost");
  if (!c.requirements.empty()) header.emplace_back("meets");
  std::vector<std::vector<std::string>> rows{header};
  for (const std::size_t i : compare_order(c, sort)) {
    const ComparePoint& p = c.points[i];
    const Summary& s = p.summary;
    std::vector<std::string> r = p.values;
    r.push_back(percent(s.prefix_block_weighted));
    r.push_back(percent(s.prefix_request_mean));
    const std::optional<double> gap = gap_to_belady(c, p);
    r.push_back(p.bound ? percent(c.bounds[*p.bound].hits.ratio()) : "-");
    r.push_back(gap ? fmt::format("{:.1f} pp", *gap * 100) : "-");
    if (timed) {
      r.push_back(s.ttft ? units::human_time(s.ttft->mean_ns) : "-");
      r.push_back(s.ttft ? units::human_time(static_cast<double>(s.ttft->p99_ns)) : "-");
    }
    for (const std::string& t : lower) {
      const TierSummary* ts = tier_named(s, t);
      r.push_back(ts != nullptr ? units::human_bytes(static_cast<double>(ts->written_bytes)) : "-");
    }
    r.push_back(units::human_count(static_cast<double>(refused(s))));
    r.push_back(fmt::format("${:.0f}", s.cost_usd));
    if (!c.requirements.empty()) r.push_back(meets_text(c, s));
    rows.push_back(std::move(r));
  }
  std::string out = text_table(rows);
  if (!c.requirements.empty()) {
    const std::string wanted = requirements_text(c);
    const std::optional<std::size_t> best = best_meeting(c, sort);
    out += best ? fmt::format("\nbest meeting {}{}: {} (tiers ${:.0f})\n", wanted,
                              sort == CompareSort::kCost ? ", cheapest" : ", first in this order",
                              settings_text(c, c.points[*best]), c.points[*best].summary.cost_usd)
                : fmt::format("\nno point meets {}\n", wanted);
  }
  if (!c.bounds.empty()) {
    out += "\nBelady: the most block hits any policy can get from all the tiers' capacity together (MIN with\n"
           "bypass on one cache, trace order); gap: that less the prefix hit ratio.\n";
    for (const CompareBound& b : c.bounds) {
      out += fmt::format("  {} blocks: {} of {} accesses\n", units::human_count(static_cast<double>(b.capacity_blocks)),
                         units::human_count(static_cast<double>(b.hits.hits)),
                         units::human_count(static_cast<double>(b.hits.accesses)));
    }
  }
  return out;
}

std::string render_compare_csv(const Comparison& c, CompareSort sort) {
  const std::vector<std::string> lower = lower_tiers(c);
  std::string out;
  std::vector<std::string> header = c.axes;
  for (const char* h : {"prefix_block_weighted", "prefix_request_mean", "block_hit_ratio", "belady_bound",
                        "gap_to_belady", "ttft_mean_ns", "ttft_p50_ns", "ttft_p99_ns", "recomputed_tokens",
                        "prefetch_used_blocks", "prefetch_wasted_blocks", "energy_j"}) {
    header.emplace_back(h);
  }
  for (const std::string& t : lower) {
    for (const char* f : {"_written_bytes", "_hit_blocks", "_refused_blocks", "_written_bytes_per_hit_byte"}) {
      header.push_back(t + f);
    }
  }
  header.emplace_back("cost_usd");
  if (!c.requirements.empty()) header.emplace_back("meets_requirements");
  const auto line = [&](const std::vector<std::string>& fields) {
    std::string l;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) l += ',';
      l += csv_field(fields[i]);
    }
    out += l + "\n";
  };
  line(header);
  const auto row = [&](const ComparePoint& p) {
    std::vector<std::string> r = p.values;
    const Summary& s = p.summary;
    const std::optional<double> gap = gap_to_belady(c, p);
    r.push_back(fmt::format("{}", s.prefix_block_weighted));
    r.push_back(fmt::format("{}", s.prefix_request_mean));
    r.push_back(fmt::format("{}", s.block_hit_ratio));
    r.push_back(p.bound ? fmt::format("{}", c.bounds[*p.bound].hits.ratio()) : "");
    r.push_back(gap ? fmt::format("{}", *gap) : "");
    r.push_back(s.ttft ? fmt::format("{}", s.ttft->mean_ns) : "");
    r.push_back(s.ttft ? fmt::format("{}", s.ttft->p50_ns) : "");
    r.push_back(s.ttft ? fmt::format("{}", s.ttft->p99_ns) : "");
    r.push_back(fmt::format("{}", s.recomputed_tokens));
    r.push_back(s.prefetch ? fmt::format("{}", s.prefetch->used_blocks) : "");
    r.push_back(s.prefetch ? fmt::format("{}", s.prefetch->wasted_blocks) : "");
    r.push_back(fmt::format("{}", s.energy_j));
    for (const std::string& t : lower) {
      const TierSummary* ts = tier_named(s, t);
      r.push_back(ts != nullptr ? fmt::format("{}", ts->written_bytes) : "");
      r.push_back(ts != nullptr ? fmt::format("{}", ts->hit_blocks) : "");
      r.push_back(ts != nullptr ? fmt::format("{}", ts->refused_blocks) : "");
      r.push_back(ts != nullptr && ts->written_bytes_per_hit_byte ? fmt::format("{}", *ts->written_bytes_per_hit_byte)
                                                                   : "");
    }
    r.push_back(fmt::format("{}", s.cost_usd));
    if (!c.requirements.empty()) r.emplace_back(shortfalls(c, s).empty() ? "true" : "false");
    line(r);
  };
  for (const std::size_t i : compare_order(c, sort)) row(c.points[i]);
  return out;
}

std::string render_compare_json(const Comparison& c, CompareSort sort) {
  using Json = nlohmann::ordered_json;
  Json points = Json::array();
  for (const std::size_t i : compare_order(c, sort)) {
    const ComparePoint& p = c.points[i];
    Json settings = Json::object();
    for (std::size_t a = 0; a < c.axes.size(); ++a) settings[c.axes[a]] = p.values[a];
    const std::optional<double> gap = gap_to_belady(c, p);
    Json point{{"settings", settings},
               {"belady_bound", p.bound ? Json(*p.bound) : Json(nullptr)},
               {"gap_to_belady", gap ? Json(*gap) : Json(nullptr)}};
    if (!c.requirements.empty()) point["shortfalls"] = shortfalls(c, p.summary);
    point["summary"] = summary_json(p.summary, false);
    points.push_back(std::move(point));
  }
  Json bounds = Json::array();
  for (const CompareBound& b : c.bounds) {
    bounds.push_back({{"capacity_blocks", b.capacity_blocks},
                      {"accesses", b.hits.accesses},
                      {"hits", b.hits.hits},
                      {"hit_ratio", b.hits.ratio()}});
  }
  Json j{{"schema_version", kSummarySchemaVersion}, {"axes", c.axes}, {"points", points}, {"belady_bounds", bounds}};
  if (!c.requirements.empty()) {
    Json wanted = Json::array();
    for (const Requirement& r : c.requirements) wanted.push_back(r.text);
    j["requirements"] = wanted;
    const std::optional<std::size_t> best = best_meeting(c, sort);
    Json settings = nullptr;
    if (best) {
      settings = Json::object();
      for (std::size_t a = 0; a < c.axes.size(); ++a) settings[c.axes[a]] = c.points[*best].values[a];
    }
    j["best_meeting_requirements"] = settings;
  }
  j["run"] = {{"jobs", c.jobs}, {"wall_s", c.wall_s}};
  return j.dump(2) + "\n";
}

}  // namespace kvtier
