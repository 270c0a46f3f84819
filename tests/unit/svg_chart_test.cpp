// report.html's charts: ticks and labels worked by hand, and points placed where the
// axes' arithmetic puts them (the plot area is x 64..624, y 248 (bottom) .. 36 (top)).
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "core/report/svg_chart.h"

using namespace kvtier;

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_SUITE("report") {
  TEST_CASE("svg: nice ticks are 1, 2 or 5 times a power of ten apart and cover the range") {
    CHECK(nice_ticks(0, 97) == std::vector<double>{0, 20, 40, 60, 80, 100});  // 97/5 = 19.4: step 20
    CHECK(nice_ticks(0, 5) == std::vector<double>{0, 1, 2, 3, 4, 5});
    CHECK(nice_ticks(3, 3) == std::vector<double>{3});
    const std::vector<double> small = nice_ticks(0, 0.74);  // 0.148: step 0.2
    REQUIRE(small.size() == 5);
    CHECK(small.back() == doctest::Approx(0.8));
    const std::vector<double> offset = nice_ticks(12, 58);  // 9.2: step 10, from 10 to 60
    CHECK(offset == std::vector<double>{10, 20, 30, 40, 50, 60});
  }

  TEST_CASE("svg: tick labels use as few digits as tell the ticks apart") {
    CHECK(tick_label(0, 20) == "0");
    CHECK(tick_label(40, 20) == "40");
    CHECK(tick_label(0.25, 0.05) == "0.25");
    CHECK(tick_label(0.4, 0.2) == "0.4");
    CHECK(tick_label(1500, 500) == "1.5k");
    CHECK(tick_label(20e6, 10e6) == "20M");
    CHECK(tick_label(3e9, 1e9) == "3G");
  }

  TEST_CASE("svg: a line's points land where its axes put them") {
    const std::string svg = line_chart_svg({"t", "x", "y"}, {{"a", {0, 5, 10}, {0, 0.5, 1}}});
    // x ticks 0..10 (step 2), y ticks 0..1 (step 0.2): (5, 0.5) is halfway both ways.
    CHECK(svg.find(R"(points="64.0,248.0 344.0,142.0 624.0,36.0")") != std::string::npos);
    CHECK(count(svg, "<circle") == 3);  // few points: each marked
    CHECK(count(svg, "class=\"ytick\"") == 6);
    CHECK(count(svg, "class=\"xtick\"") == 6);
    CHECK(svg.find("<title>t</title>") != std::string::npos);
  }

  TEST_CASE("svg: points that are not finite are left out; none at all says so") {
    const std::string svg = line_chart_svg({"t", "x", "y"}, {{"a", {0, 1, 2}, {1, kNan, 1}}});
    CHECK(count(svg, "<circle") == 2);
    CHECK(svg.find("nan") == std::string::npos);
    const std::string empty = line_chart_svg({"none", "x", "y"}, {{"a", {1}, {kInf}}});
    CHECK(empty.find("nothing to show") != std::string::npos);
    CHECK(bar_chart_svg({"none", "", ""}, {{"a", kNan}}).find("nothing to show") != std::string::npos);
  }

  TEST_CASE("svg: bars rise from zero to their value, the reference across them") {
    // Ticks 0..0.5 by 0.1: 0.5 reaches the top (y 36), 0.25 halfway (y 142); two slots of 280.
    const std::string svg = bar_chart_svg({"t", "", "ratio"}, {{"a", 0.5}, {"b", 0.25}}, 0.3, "bound");
    CHECK(svg.find(R"(<rect x="106.0" y="36.0" width="196.0" height="212.0")") != std::string::npos);
    CHECK(svg.find(R"(<rect x="386.0" y="142.0" width="196.0" height="106.0")") != std::string::npos);
    CHECK(svg.find(R"(<line x1="64.0" y1="120.8" x2="624.0" y2="120.8" class="reference"/>)") != std::string::npos);
    CHECK(svg.find(">bound<") != std::string::npos);
  }

  TEST_CASE("svg: text is escaped") {
    CHECK(xml_escape(R"(<a & "b" 'c'>)") == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;");
    const std::string svg = bar_chart_svg({"x<y", "", ""}, {{"&", 1}});
    CHECK(svg.find("x&lt;y") != std::string::npos);
    CHECK(svg.find(">&amp;<") != std::string::npos);
  }
}
