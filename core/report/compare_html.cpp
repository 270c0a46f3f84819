#include "core/report/compare_html.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/report/svg_chart.h"

namespace kvtier {

std::string render_compare_html(const Comparison& c, CompareSort sort) {
  const std::vector<std::size_t> order = compare_order(c, sort);
  const bool timed = !c.points.empty() && c.points.front().summary.timed;
  std::vector<BarValue> hits;
  std::vector<BarValue> gaps;
  std::vector<BarValue> ttft;
  std::string table = "<table>\n<tr><th>#</th>";
  for (const std::string& axis : c.axes) table += fmt::format("<th>{}</th>", xml_escape(axis));
  table += "<th>prefix hit</th><th>Belady</th>";
  if (timed) table += "<th>TTFT mean</th>";
  table += "<th>cost</th>";
  if (!c.requirements.empty()) table += "<th>meets</th>";
  table += "</tr>\n";
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const ComparePoint& p = c.points[order[rank]];
    const std::string label = std::to_string(rank + 1);
    hits.push_back({label, p.summary.prefix_block_weighted});
    const std::optional<double> gap = gap_to_belady(c, p);
    gaps.push_back({label, gap ? *gap : std::nan("")});
    const double ttft_ms = p.summary.ttft ? p.summary.ttft->mean_ns / 1e6 : std::nan("");
    ttft.push_back({label, ttft_ms});
    table += fmt::format("<tr><td>{}</td>", label);
    for (const std::string& v : p.values) table += fmt::format("<td>{}</td>", xml_escape(v));
    table += fmt::format("<td class=\"n\">{:.2f}%</td><td class=\"n\">{}</td>", p.summary.prefix_block_weighted * 100,
                         p.bound ? fmt::format("{:.2f}%", c.bounds[*p.bound].hits.ratio() * 100) : "-");
    if (timed) table += fmt::format("<td class=\"n\">{:.3f} ms</td>", ttft_ms);
    table += fmt::format("<td class=\"n\">${:.0f}</td>", p.summary.cost_usd);
    if (!c.requirements.empty()) table += fmt::format("<td>{}</td>", xml_escape(meets_text(c, p.summary)));
    table += "</tr>\n";
  }
  table += "</table>\n";
  std::string out = fmt::format("<h1>kvtier compare: {} points</h1>\n", c.points.size());
  if (!c.requirements.empty()) {
    const std::string wanted = requirements_text(c);
    const std::optional<std::size_t> best = best_meeting(c, sort);
    out += best ? fmt::format("<p>Best meeting {}: #{} ({}), tiers ${:.0f}.</p>\n", xml_escape(wanted),
                              static_cast<std::size_t>(std::find(order.begin(), order.end(), *best) - order.begin()) + 1,
                              xml_escape(settings_text(c, c.points[*best])), c.points[*best].summary.cost_usd)
                : fmt::format("<p>No point meets {}.</p>\n", xml_escape(wanted));
  }
  out += bar_chart_svg({"Prefix hit ratio (block-weighted), by setting", "", "hit ratio"}, hits);
  out += bar_chart_svg({"Gap to each setting's Belady bound", "", "bound - hit ratio"}, gaps);
  if (timed) out += bar_chart_svg({"Mean time to first token, by setting", "", "ms"}, ttft);
  return html_page("kvtier compare", out + table);
}

}  // namespace kvtier
