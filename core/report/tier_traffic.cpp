#include "core/report/tier_traffic.h"

#include <cmath>
#include <fstream>

namespace kvtier {

namespace {
std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> cells;
  std::size_t from = 0;
  for (std::size_t comma; (comma = text.find(',', from)) != std::string::npos; from = comma + 1) {
    cells.push_back(text.substr(from, comma - from));
  }
  cells.push_back(text.substr(from));  // the last cell, empty after a trailing comma
  return cells;
}

// One interval of one tier, as read.
struct TierInterval {
  double bytes = 0;
  double write_transfers = 0;
  double write_latency_sum_ns = 0;  // mean x transfers
};
}  // namespace

std::optional<TierTraffic> read_tier_traffic(const std::filesystem::path& csv, const std::vector<std::string>& tiers) {
  std::ifstream in(csv);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  const std::vector<std::string> header = split(line);
  const auto column = [&header](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return std::nullopt;
  };
  const auto start = column("start_ns");
  const auto end = column("end_ns");
  if (!start || !end) return std::nullopt;
  struct Columns {
    std::size_t read_bytes, written_bytes, write_transfers, write_latency;
  };
  std::vector<Columns> cols;
  for (const std::string& t : tiers) {
    const auto r = column(t + "_read_bytes");
    const auto w = column(t + "_written_bytes");
    const auto n = column(t + "_write_transfers");
    const auto l = column(t + "_write_latency_mean_ns");
    if (!r || !w || !n || !l) return std::nullopt;
    cols.push_back({*r, *w, *n, *l});
  }
  std::vector<double> starts_ns;
  std::vector<double> ends_ns;
  std::vector<std::vector<TierInterval>> rows(tiers.size());  // [tier][interval]
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    if (cells.size() != header.size()) return std::nullopt;
    try {
      starts_ns.push_back(std::stod(cells[*start]));
      ends_ns.push_back(std::stod(cells[*end]));
      for (std::size_t k = 0; k < cols.size(); ++k) {
        TierInterval v;
        v.bytes = std::stod(cells[cols[k].read_bytes]) + std::stod(cells[cols[k].written_bytes]);
        v.write_transfers = std::stod(cells[cols[k].write_transfers]);
        const std::string& latency = cells[cols[k].write_latency];
        if (!latency.empty()) v.write_latency_sum_ns = std::stod(latency) * v.write_transfers;
        rows[k].push_back(v);
      }
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  TierTraffic traffic;
  traffic.tiers = tiers;
  traffic.bytes_per_s.resize(tiers.size());
  traffic.write_latency_ms.resize(tiers.size());
  const std::size_t n = ends_ns.size();
  const std::size_t per_point = n <= kMaxTrafficPoints ? 1 : (n + kMaxTrafficPoints - 1) / kMaxTrafficPoints;
  traffic.intervals_per_point = per_point;
  for (std::size_t first = 0; first < n; first += per_point) {
    const std::size_t last = std::min(first + per_point, n) - 1;
    const double seconds = (ends_ns[last] - starts_ns[first]) / 1e9;
    traffic.end_s.push_back(ends_ns[last] / 1e9);
    for (std::size_t k = 0; k < tiers.size(); ++k) {
      TierInterval sum;
      for (std::size_t i = first; i <= last; ++i) {
        sum.bytes += rows[k][i].bytes;
        sum.write_transfers += rows[k][i].write_transfers;
        sum.write_latency_sum_ns += rows[k][i].write_latency_sum_ns;
      }
      traffic.bytes_per_s[k].push_back(seconds > 0 ? sum.bytes / seconds : 0);
      traffic.write_latency_ms[k].push_back(sum.write_transfers > 0 ? sum.write_latency_sum_ns / sum.write_transfers / 1e6
                                                                    : std::nan(""));
    }
  }
  return traffic;
}

}  // namespace kvtier
