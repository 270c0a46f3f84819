// report.html's traffic read back from timeseries.csv: each point against sums worked
// out here from the rows written, one interval to a point and, for a long series, merged.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include <fstream>

#include "core/report/tier_traffic.h"
#include "tests/support/paths.h"

using namespace kvtier;

namespace {
struct Row {
  double start_ns, end_ns, read, written, transfers, mean_ns;
};

// Contiguous rows whose lengths, bytes and transfers vary (so that a merged point's rate
// is not its intervals' mean rate); every seventh has no transfer (an empty latency cell).
std::vector<Row> rows(std::size_t n) {
  std::vector<Row> out;
  double start = 5e9;
  for (std::size_t i = 0; i < n; ++i, start = out.back().end_ns) {
    const double end = start + 1e6 + static_cast<double>(i % 4) * 3e5;
    const double transfers = i % 7 == 0 ? 0 : static_cast<double>(i % 5 + 1);
    out.push_back({start, end, static_cast<double>(i * 1000 % 7919), static_cast<double>(i * 37 % 1009), transfers,
                   transfers > 0 ? static_cast<double>(1000 + i % 13 * 250) : 0});
  }
  return out;
}

std::filesystem::path write_csv(const std::string& name, const std::vector<Row>& data) {
  const auto path = test::scratch_dir(name) / "timeseries.csv";
  std::ofstream out(path);
  out << "start_ns,end_ns,admitted,t_read_bytes,t_written_bytes,t_write_transfers,t_write_latency_mean_ns\n";
  for (const Row& r : data) {
    out << fmt::format("{:.0f},{:.0f},1,{:.0f},{:.0f},{:.0f},", r.start_ns, r.end_ns, r.read, r.written, r.transfers);
    if (r.transfers > 0) out << fmt::format("{:.0f}", r.mean_ns);
    out << '\n';
  }
  return path;
}

// The point of rows [first, first + k), summed here one row at a time.
void check_point(const TierTraffic& t, std::size_t point, const std::vector<Row>& data, std::size_t first,
                 std::size_t k) {
  const std::size_t last = std::min(first + k, data.size()) - 1;
  double bytes = 0;
  double transfers = 0;
  double latency_ns = 0;
  for (std::size_t i = first; i <= last; ++i) {
    bytes += data[i].read + data[i].written;
    transfers += data[i].transfers;
    latency_ns += data[i].transfers * data[i].mean_ns;
  }
  CHECK(t.end_s[point] == doctest::Approx(data[last].end_ns / 1e9));
  CHECK(t.bytes_per_s[0][point] == doctest::Approx(bytes / ((data[last].end_ns - data[first].start_ns) / 1e9)));
  if (transfers == 0) {
    CHECK(std::isnan(t.write_latency_ms[0][point]));
  } else {
    CHECK(t.write_latency_ms[0][point] == doctest::Approx(latency_ns / transfers / 1e6));
  }
}
}  // namespace

TEST_CASE("tier traffic: one interval to a point up to the limit") {
  const std::vector<Row> data = rows(kMaxTrafficPoints);
  const auto t = read_tier_traffic(write_csv("traffic_short", data), {"t"});
  REQUIRE(t);
  CHECK(t->intervals_per_point == 1);
  REQUIRE(t->end_s.size() == kMaxTrafficPoints);
  for (std::size_t i = 0; i < data.size(); ++i) check_point(*t, i, data, i, 1);
}

TEST_CASE("tier traffic: a long series is merged, bytes over time and latency by transfers") {
  // 2,500 intervals: 3 to a point, 834 points, the last of one interval.
  const std::vector<Row> data = rows(2500);
  const auto t = read_tier_traffic(write_csv("traffic_long", data), {"t"});
  REQUIRE(t);
  CHECK(t->intervals_per_point == 3);
  REQUIRE(t->end_s.size() == 834);
  for (std::size_t p = 0; p < 834; ++p) check_point(*t, p, data, 3 * p, 3);
}

TEST_CASE("tier traffic: a file not in timeseries.csv's form gives nothing") {
  const auto dir = test::scratch_dir("traffic_bad");
  CHECK_FALSE(read_tier_traffic(dir / "absent.csv", {"t"}));
  std::ofstream(dir / "short.csv") << "start_ns,end_ns,t_read_bytes,t_written_bytes,t_write_transfers,"
                                      "t_write_latency_mean_ns\n0,1,2\n";
  CHECK_FALSE(read_tier_traffic(dir / "short.csv", {"t"}));
  CHECK_FALSE(read_tier_traffic(write_csv("traffic_other", rows(3)), {"u"}));
}
