#include "core/report/time_series.h"

#include <fmt/format.h>

#include "core/report/csv.h"
#include "core/units/units.h"
#include "kvtier/error.h"

namespace kvtier {

namespace {
// The leading counters are admitted, completed, accesses, prefix hits and first tokens,
// in that order; the per-tier and per-link ones follow.
constexpr std::size_t kFirstTokens = 4;
constexpr std::size_t kLeading = 5;
}  // namespace

namespace {
std::string header(const Hierarchy& hierarchy) {
  std::string h = "start_ns,end_ns,admitted,completed,block_accesses,prefix_hit_blocks,first_tokens,ttft_mean_ns";
  for (std::size_t level = 0; level < hierarchy.levels(); ++level) {
    for (const char* column : {"read_bytes", "written_bytes", "used_blocks", "read_transfers", "read_latency_mean_ns",
                               "write_transfers", "write_latency_mean_ns"}) {
      h += ',';
      h += csv_field(fmt::format("{}_{}", hierarchy.tier(level).name, column));
    }
  }
  for (std::size_t i = 0; i < hierarchy.link_count(); ++i) {
    for (const char* column : {"up_bytes", "down_bytes"}) {
      h += ',';
      h += csv_field(fmt::format("{}_{}", hierarchy.link(i).name, column));
    }
  }
  return h + '\n';
}
}  // namespace

TimeSeries::TimeSeries(const std::filesystem::path& path, const Hierarchy& hierarchy, const RunStats& stats,
                       SimTimeNs interval_ns)
    : hierarchy_(hierarchy),
      stats_(stats),
      interval_ns_(interval_ns),
      next_end_ns_(interval_ns),
      last_(counters().size(), 0),
      last_latency_sums_(2 * hierarchy.levels(), 0),
      file_(path, header(hierarchy)) {}

std::vector<std::uint64_t> TimeSeries::counters() const {
  std::vector<std::uint64_t> c{stats_.looked_up, stats_.completed, stats_.block_accesses, stats_.prefix_hit_blocks,
                               stats_.ttft_ns.count()};
  for (std::size_t level = 0; level < hierarchy_.levels(); ++level) {
    const TierStats& t = hierarchy_.stats(level);
    c.push_back(t.read_bytes);
    c.push_back(t.written_bytes);
    c.push_back(static_cast<std::uint64_t>(t.used_blocks.value()));
    c.push_back(t.read_latency_ns.count());
    c.push_back(t.write_latency_ns.count());
  }
  for (std::size_t i = 0; i < hierarchy_.link_count(); ++i) {
    c.push_back(hierarchy_.link_bytes(i, true));
    c.push_back(hierarchy_.link_bytes(i, false));
  }
  return c;
}

void TimeSeries::row(SimTimeNs end_ns) {
  if (rows_ == kMaxRows) {
    full_ = true;
    throw Error(ExitCode::kUsage,
                fmt::format("--timeseries {}: {} intervals by {} of simulated time, the most a run writes; a longer "
                            "interval covers the whole run",
                            units::format_time(interval_ns_), kMaxRows, units::human_time(static_cast<double>(end_ns))));
  }
  ++rows_;
  const SimTimeNs start_ns = next_end_ns_ - interval_ns_;
  const std::vector<std::uint64_t> now = counters();
  const UInt128 ttft_sum = stats_.ttft_ns.sum();
  const std::uint64_t first_tokens = now[kFirstTokens] - last_[kFirstTokens];
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{},{}", start_ns, end_ns);
  for (std::size_t i = 0; i < kFirstTokens; ++i) fmt::format_to(std::back_inserter(line_), ",{}", now[i] - last_[i]);
  fmt::format_to(std::back_inserter(line_), ",{},", first_tokens);
  if (first_tokens > 0) {
    fmt::format_to(std::back_inserter(line_), "{}",
                   static_cast<std::uint64_t>((ttft_sum - last_ttft_sum_) / first_tokens));
  }
  std::size_t i = kLeading;
  const auto growth = [&] {
    fmt::format_to(std::back_inserter(line_), ",{}", now[i] - last_[i]);
    ++i;
  };
  // A count of transfers, then their mean latency (empty without any).
  const auto transfers = [&](const Histogram& latency, UInt128& last_sum) {
    const std::uint64_t n = now[i] - last_[i];
    growth();
    line_ += ',';
    if (n > 0) fmt::format_to(std::back_inserter(line_), "{}", static_cast<std::uint64_t>((latency.sum() - last_sum) / n));
    last_sum = latency.sum();
  };
  for (std::size_t level = 0; level < hierarchy_.levels(); ++level) {
    const TierStats& t = hierarchy_.stats(level);
    growth();  // read bytes
    growth();  // written bytes
    fmt::format_to(std::back_inserter(line_), ",{}", now[i++]);  // blocks held: a level, not a growth
    transfers(t.read_latency_ns, last_latency_sums_[2 * level]);
    transfers(t.write_latency_ns, last_latency_sums_[2 * level + 1]);
  }
  while (i < now.size()) growth();  // links' bytes
  line_ += '\n';
  file_.write(line_);
  last_ = now;
  last_ttft_sum_ = ttft_sum;
  next_end_ns_ += interval_ns_;
}

void TimeSeries::finish(SimTimeNs end_ns) {
  if (!full_) {
    try {
      advance(end_ns);
      if (end_ns > next_end_ns_ - interval_ns_) row(end_ns);  // the partial last interval
    } catch (const Error&) {
      file_.close();
      throw;
    }
  }
  file_.close();
}

}  // namespace kvtier
