// kvtier calibrate: a file or block device measured through the io_uring engine of real
// backing (random reads and writes over block sizes and queue depths), printed as a
// fio-like table, and written as a flash tier preset that `kvtier run` takes
// (--set tiers.<t>.preset=FILE).
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <sstream>
#include <vector>

#include "apps/commands.h"
#include "core/report/results_dir.h"
#include "core/report/text_table.h"
#include "core/units/units.h"
#include "kvtier/error.h"
#include "tiers/backing/calibration.h"

namespace kvtier::cli {

namespace {
constexpr std::uint64_t kMaxBufferBytes = 256ULL << 20;  // block size x queue depth per point

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

std::uint64_t size_arg(const std::string& flag, const std::string& text) {
  try {
    const units::Size s = units::parse_size(text);
    if (s.in_blocks || s.value == 0) throw units::UnitError("a size in bytes above 0");
    return s.value;
  } catch (const units::UnitError& e) {
    throw Error(ExitCode::kUsage, fmt::format("{} '{}': {}", flag, text, e.what()));
  }
}

// Three significant figures, so a preset reads "2.71GB/s", not "2712345678B/s".
double round3(double v) {
  if (v <= 0) return 0;
  const double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
  return std::round(v / scale) * scale;
}

struct Point {
  AccessPattern pattern;
  std::uint64_t block_bytes;
  unsigned queue_depth;
  MeasuredPoint m;
};

std::string today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string preset_toml(const CalibrateArgs& args, std::uint64_t size, const std::vector<Point>& points, bool direct) {
  // Bandwidth: the best at >= 1 MiB (KV blocks are megabytes); latency: 4 KiB at QD 1, or
  // the smallest block measured at the lowest depth.
  const auto best = [&](bool write) {
    const Point* b = nullptr;
    for (const Point& p : points) {
      if (is_write(p.pattern) != write || p.block_bytes < (1U << 20)) continue;
      if (b == nullptr || p.m.bytes_per_s > b->m.bytes_per_s) b = &p;
    }
    return b;
  };
  const auto quickest = [&](bool write) {
    const Point* q = nullptr;
    for (const Point& p : points) {
      if (is_write(p.pattern) != write) continue;
      if (q == nullptr || std::pair(p.block_bytes, p.queue_depth) < std::pair(q->block_bytes, q->queue_depth)) q = &p;
    }
    return q;
  };
  const std::string where = fmt::format("kvtier calibrate on {} ({}), {}", args.path, direct ? "O_DIRECT" : "buffered", today());
  std::string out = fmt::format(
      "# A flash tier calibrated by {}: bandwidth and latency as measured there through\n"
      "# io_uring. Use it with --set tiers.<name>.preset={}\n"
      "medium = \"flash\"\n"
      "capacity = \"{}\"  # source: {}, the size measured [M]\n",
      where, args.out, units::format_bytes(size), where);
  const auto bw_line = [&](const char* key, const Point* p) {
    if (p == nullptr) return;
    out += fmt::format("{} = \"{}\"  # source: {}, {} {} QD {} [M]\n", key,
                       units::format_bandwidth(static_cast<std::uint64_t>(round3(p->m.bytes_per_s))), where,
                       access_pattern_name(p->pattern), units::format_bytes(p->block_bytes), p->queue_depth);
  };
  // A tier's latency is what an access costs beyond its bytes over the bandwidth.
  const auto lat_line = [&](const char* key, const Point* p, const Point* bw) {
    if (p == nullptr) return;
    const double transfer_ns = bw == nullptr ? 0 : static_cast<double>(p->block_bytes) / bw->m.bytes_per_s * 1e9;
    const double fixed_ns = std::max(0.0, static_cast<double>(p->m.latency_ns.percentile(50)) - transfer_ns);
    out += fmt::format("{} = \"{}\"  # source: {}, p50 of {} {} QD {} less its transfer [M]\n", key,
                       units::format_time(static_cast<SimTimeNs>(round3(fixed_ns))), where,
                       access_pattern_name(p->pattern), units::format_bytes(p->block_bytes), p->queue_depth);
  };
  bw_line("read_bandwidth", best(false));
  bw_line("write_bandwidth", best(true));
  lat_line("read_latency", quickest(false), best(false));
  lat_line("write_latency", quickest(true), best(true));
  return out;
}
}  // namespace

int calibrate_command(const CalibrateArgs& args) {
  const std::uint64_t size = size_arg("--size", args.size);
  std::vector<std::uint64_t> blocks;
  for (const std::string& b : split(args.block_sizes)) {
    const std::uint64_t v = size_arg("--block-sizes", b);
    if (v % 4096 != 0 || v > size) {
      throw Error(ExitCode::kUsage, fmt::format("--block-sizes '{}': a multiple of 4KiB, at most --size", b));
    }
    blocks.push_back(v);
  }
  std::vector<unsigned> depths;
  for (const std::string& q : split(args.queue_depths)) {
    char* end = nullptr;
    const unsigned long v = std::strtoul(q.c_str(), &end, 10);
    if (q.empty() || *end != '\0' || v == 0 || v > 1024) {
      throw Error(ExitCode::kUsage, fmt::format("--queue-depths '{}': whole numbers from 1 to 1024", q));
    }
    depths.push_back(static_cast<unsigned>(v));
  }
  // An hour bounds a point (infinity would never end); NaN fails the comparison too.
  if (!(args.seconds > 0 && args.seconds <= 3600)) {
    throw Error(ExitCode::kUsage, fmt::format("--seconds {}: must be above 0 and at most 3600", args.seconds));
  }
  struct stat st {};
  if (::stat(args.path.c_str(), &st) == 0 && S_ISBLK(st.st_mode) && !args.force) {
    throw Error(ExitCode::kUsage, fmt::format("{}: a block device; calibrate overwrites its first {} (add --force)",
                                              args.path, units::format_bytes(size)));
  }
  const auto warn = [](std::string_view w) { std::fprintf(stderr, "kvtier: warning: %.*s\n", static_cast<int>(w.size()), w.data()); };

  // Written once in full first, so that reads meet allocated blocks (as fio lays files out).
  MeasurePlan fill{args.path, size, AccessPattern::kWrite, std::min<std::uint64_t>(size, 1U << 20), 8, 0, 0, !args.buffered, 1};
  fill.block_bytes = size % fill.block_bytes == 0 ? fill.block_bytes : 4096;
  fill.ios = size / fill.block_bytes;
  const MeasuredPoint laid = measure(fill, warn);
  std::printf("kvtier calibrate: %s, %s (%s), %.1f s per point; laid out at %s/s\n", args.path.c_str(),
              units::human_bytes(static_cast<double>(size)).c_str(), laid.direct ? "O_DIRECT" : "buffered", args.seconds,
              units::human_bytes(laid.bytes_per_s).c_str());
  std::vector<Point> points;
  std::vector<std::vector<std::string>> table{{"rw", "bs", "qd", "bandwidth", "IOPS", "lat mean", "p50", "p99", "max"}};
  for (const AccessPattern pattern : {AccessPattern::kRandRead, AccessPattern::kRandWrite}) {
    for (const std::uint64_t bs : blocks) {
      for (const unsigned qd : depths) {
        if (bs * qd > kMaxBufferBytes) continue;  // buffers pinned for the ring: keep them modest
        MeasurePlan plan{args.path, size, pattern, bs, qd, args.seconds, 0, !args.buffered, 42};
        Point p{pattern, bs, qd, measure(plan, warn)};
        const Histogram& h = p.m.latency_ns;
        table.push_back({std::string(access_pattern_name(pattern)), units::format_bytes(bs), std::to_string(qd),
                         units::human_bytes(p.m.bytes_per_s) + "/s", units::human_count(p.m.iops),
                         units::human_time(h.mean()), units::human_time(static_cast<double>(h.percentile(50))),
                         units::human_time(static_cast<double>(h.percentile(99))),
                         units::human_time(static_cast<double>(h.max()))});
        points.push_back(std::move(p));
      }
    }
  }
  std::fputs(text_table(table).c_str(), stdout);
  write_file_atomic(args.out, preset_toml(args, size, points, laid.direct));
  std::printf("preset: %s (kvtier run --set tiers.<name>.preset=%s)\n", args.out.c_str(), args.out.c_str());
  return 0;
}

}  // namespace kvtier::cli
