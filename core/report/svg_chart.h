// Charts as inline SVG for report.html: line charts (one or more series over a shared
// x axis) and bar charts, with "nice" axis ticks. The output depends only on the data, so
// a report is the same bytes for the same run; no script runs when it is opened.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kvtier {

struct ChartText {
  std::string title;
  std::string x_label;
  std::string y_label;
};

struct LineSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;  // as many as x
};

struct BarValue {
  std::string label;
  double value = 0;
};

// Ticks covering [lo, hi]: 1, 2 or 5 times a power of ten apart, at most about `most`
// of them, the first at or below lo and the last at or above hi. Contract: lo <= hi.
std::vector<double> nice_ticks(double lo, double hi, int most = 6);
// A tick's label: as few digits as tell the ticks apart ("0.25", "1.5k", "20M").
std::string tick_label(double value, double step);

// Non-finite points are left out; a chart with no finite point says so in its body.
std::string line_chart_svg(const ChartText& text, const std::vector<LineSeries>& series);
// Bars from zero; `reference`, if given, is drawn across them as a dashed line named
// `reference_label`.
std::string bar_chart_svg(const ChartText& text, const std::vector<BarValue>& bars,
                          std::optional<double> reference = std::nullopt, const std::string& reference_label = "");

// A whole self-contained page around `body` (HTML), titled `title` (text), with the style
// the charts' classes need (titles, ticks, grid, reference line).
std::string html_page(const std::string& title, const std::string& body);

// Text made safe for HTML and SVG (& < > " ').
std::string xml_escape(const std::string& text);

}  // namespace kvtier
