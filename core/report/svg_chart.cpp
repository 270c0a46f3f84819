#include "core/report/svg_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace kvtier {

namespace {
constexpr double kWidth = 640;
constexpr double kHeight = 300;
constexpr double kLeft = 64;  // room for the y ticks' labels
constexpr double kRight = 16;
constexpr double kTop = 36;
constexpr double kBottom = 52;  // the x ticks' labels and the x label
// Series of at most this many points also get a marker at each.
constexpr std::size_t kMarkedPoints = 40;
// Colour-blind-safe (Okabe-Ito), in series order.
constexpr std::array<const char*, 7> kColours{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                               "#56B4E9", "#D55E00", "#000000"};

struct Axis {
  std::vector<double> ticks;
  double lo = 0;
  double hi = 1;
  double step = 1;
  // Where v lies between a and b (pixels), on this axis.
  double at(double v, double a, double b) const { return a + (v - lo) / (hi - lo) * (b - a); }
};

Axis axis_for(double lo, double hi) {
  if (lo == hi) {
    lo = lo == 0 ? 0 : lo - std::abs(lo) * 0.5;
    hi = hi == 0 ? 1 : hi + std::abs(hi) * 0.5;
  }
  Axis a;
  a.ticks = nice_ticks(lo, hi);
  a.lo = a.ticks.front();
  a.hi = a.ticks.back();
  a.step = a.ticks.size() > 1 ? a.ticks[1] - a.ticks[0] : 1;
  return a;
}

std::string number(double v) { return fmt::format("{:.1f}", v); }

// The frame: title, axes with their ticks and labels.
std::string frame(const ChartText& text, const Axis& y, const Axis* x) {
  std::string out = fmt::format(
      R"s(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img">)s"
      R"s(<title>{}</title><text x="{}" y="20" class="title">{}</text>)s",
      kWidth, kHeight, kWidth, kHeight, xml_escape(text.title), kLeft, xml_escape(text.title));
  const double x0 = kLeft;
  const double x1 = kWidth - kRight;
  const double y0 = kHeight - kBottom;
  const double y1 = kTop;
  for (const double t : y.ticks) {
    const double py = y.at(t, y0, y1);
    out += fmt::format(R"s(<line x1="{}" y1="{}" x2="{}" y2="{}" class="grid"/>)s", number(x0), number(py), number(x1),
                       number(py));
    out += fmt::format(R"s(<text x="{}" y="{}" class="ytick">{}</text>)s", number(x0 - 6), number(py + 4),
                       xml_escape(tick_label(t, y.step)));
  }
  if (x != nullptr) {
    for (const double t : x->ticks) {
      const double px = x->at(t, x0, x1);
      out += fmt::format(R"s(<line x1="{}" y1="{}" x2="{}" y2="{}" class="tick"/>)s", number(px), number(y0),
                         number(px), number(y0 + 4));
      out += fmt::format(R"s(<text x="{}" y="{}" class="xtick">{}</text>)s", number(px), number(y0 + 18),
                         xml_escape(tick_label(t, x->step)));
    }
  }
  out += fmt::format(R"s(<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)s", number(x0), number(y0), number(x1),
                     number(y0));
  out += fmt::format(R"s(<text x="{}" y="{}" class="xlabel">{}</text>)s", number((x0 + x1) / 2), number(kHeight - 8),
                     xml_escape(text.x_label));
  out += fmt::format(R"s(<text transform="translate(14 {}) rotate(-90)" class="ylabel">{}</text>)s",
                     number((y0 + y1) / 2), xml_escape(text.y_label));
  return out;
}

std::string empty_chart(const ChartText& text) {
  return fmt::format(
      R"s(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} 80" width="{}" height="80" role="img">)s"
      R"s(<title>{}</title><text x="{}" y="20" class="title">{}</text>)s"
      R"s(<text x="{}" y="50" class="note">nothing to show</text></svg>)s",
      kWidth, kWidth, xml_escape(text.title), kLeft, xml_escape(text.title), kLeft);
}
}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int most) {
  const double span = hi - lo;
  if (!(span > 0)) return {lo};
  const double raw = span / std::max(1, most - 1);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power * 10;
  for (const double m : {1.0, 2.0, 5.0}) {
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  }
  std::vector<double> ticks;
  const double first = std::floor(lo / step);
  const double last = std::ceil(hi / step);
  for (double k = first; k <= last; ++k) ticks.push_back(k * step);
  return ticks;
}

std::string tick_label(double value, double step) {
  if (value == 0) return "0";
  const double magnitude = std::max(std::abs(value), std::abs(step));
  const std::array<std::pair<double, const char*>, 4> units{{{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}};
  double scale = 1;
  const char* suffix = "";
  for (const auto& [s, name] : units) {
    if (magnitude >= s) {
      scale = s;
      suffix = name;
      break;
    }
  }
  // Enough decimals that one step shows.
  const double scaled_step = step / scale;
  const int decimals = scaled_step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(scaled_step) - 1e-9));
  return fmt::format("{:.{}f}{}", value / scale, std::clamp(decimals, 0, 6), suffix);
}

std::string line_chart_svg(const ChartText& text, const std::vector<LineSeries>& series) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double x_lo = kInf;
  double x_hi = -kInf;
  double y_lo = 0;  // quantities here start at zero
  double y_hi = -kInf;
  for (const LineSeries& s : series) {
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      x_lo = std::min(x_lo, s.x[i]);
      x_hi = std::max(x_hi, s.x[i]);
      y_lo = std::min(y_lo, s.y[i]);
      y_hi = std::max(y_hi, s.y[i]);
    }
  }
  if (!std::isfinite(x_lo)) return empty_chart(text);
  const Axis x = axis_for(x_lo, x_hi);
  const Axis y = axis_for(y_lo, y_hi);
  std::string out = frame(text, y, &x);
  const double x0 = kLeft;
  const double x1 = kWidth - kRight;
  const double y0 = kHeight - kBottom;
  const double y1 = kTop;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const LineSeries& s = series[k];
    const char* colour = kColours[k % kColours.size()];
    std::string points;
    std::string markers;
    const bool sparse = s.x.size() <= kMarkedPoints;  // a line alone would hide one or two points
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      const std::string px = number(x.at(s.x[i], x0, x1));
      const std::string py = number(y.at(s.y[i], y0, y1));
      if (!points.empty()) points += ' ';
      points += px + "," + py;
      if (sparse) markers += fmt::format(R"s(<circle cx="{}" cy="{}" r="3" fill="{}"/>)s", px, py, colour);
    }
    out += fmt::format(R"s(<polyline points="{}" fill="none" stroke="{}" stroke-width="2"><title>{}</title></polyline>)s",
                       points, colour, xml_escape(s.name));
    out += markers;
    // The legend: one swatch and name per series, along the top right.
    const double ly = kTop + 14.0 * static_cast<double>(k);
    out += fmt::format(R"s(<rect x="{}" y="{}" width="10" height="10" fill="{}"/>)s", number(x1 - 150), number(ly),
                       colour);
    out += fmt::format(R"s(<text x="{}" y="{}" class="legend">{}</text>)s", number(x1 - 136), number(ly + 9),
                       xml_escape(s.name));
  }
  return out + "</svg>";
}

std::string bar_chart_svg(const ChartText& text, const std::vector<BarValue>& bars, std::optional<double> reference,
                          const std::string& reference_label) {
  double hi = reference && std::isfinite(*reference) ? *reference : 0;
  bool any = false;
  for (const BarValue& b : bars) {
    if (!std::isfinite(b.value)) continue;
    any = true;
    hi = std::max(hi, b.value);
  }
  if (!any) return empty_chart(text);
  const Axis y = axis_for(0, hi);
  std::string out = frame(text, y, nullptr);
  const double x0 = kLeft;
  const double x1 = kWidth - kRight;
  const double y0 = kHeight - kBottom;
  const double y1 = kTop;
  const double slot = (x1 - x0) / static_cast<double>(bars.size());
  for (std::size_t k = 0; k < bars.size(); ++k) {
    const BarValue& b = bars[k];
    const double left = x0 + slot * static_cast<double>(k) + slot * 0.15;
    const double centre = x0 + slot * (static_cast<double>(k) + 0.5);
    out += fmt::format(R"s(<text x="{}" y="{}" class="xtick">{}</text>)s", number(centre), number(y0 + 18),
                       xml_escape(b.label));
    if (!std::isfinite(b.value)) continue;
    const double top = y.at(b.value, y0, y1);
    out += fmt::format(R"s(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>)s",
                       number(left), number(top), number(slot * 0.7), number(y0 - top),
                       kColours[k % kColours.size()], xml_escape(b.label), xml_escape(fmt::format("{:.4g}", b.value)));
  }
  if (reference && std::isfinite(*reference)) {
    const double py = y.at(*reference, y0, y1);
    out += fmt::format(R"s(<line x1="{}" y1="{}" x2="{}" y2="{}" class="reference"/>)s", number(x0), number(py),
                       number(x1), number(py));
    out += fmt::format(R"s(<text x="{}" y="{}" class="legend">{}</text>)s", number(x1 - 150), number(py - 4),
                       xml_escape(reference_label));
  }
  return out + "</svg>";
}

std::string html_page(const std::string& title, const std::string& body) {
  constexpr const char* kStyle = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 680px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 2em; }
table { border-collapse: collapse; } td, th { padding: 2px 12px 2px 0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; margin: 0.5em 0; }
svg text { font: 11px system-ui, sans-serif; fill: #222; }
svg .title { font-size: 13px; font-weight: 600; }
svg .ytick { text-anchor: end; } svg .xtick, svg .xlabel, svg .ylabel { text-anchor: middle; }
svg .note { fill: #888; } svg .grid { stroke: #e4e4e4; } svg .axis, svg .tick { stroke: #444; }
svg .reference { stroke: #D55E00; stroke-dasharray: 6 4; stroke-width: 2; }
.incomplete { color: #b00; font-weight: 600; }
)";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n{}</body>\n</html>\n",
      xml_escape(title), kStyle, body);
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace kvtier
