#include "tiers/backing/calibration.h"

#include <chrono>
#include <cstring>
#include <vector>

#include "core/rng/rng.h"
#include "tiers/backing/uring_file.h"

namespace kvtier {

std::string_view access_pattern_name(AccessPattern p) {
  switch (p) {
    case AccessPattern::kRandWrite: return "randwrite";
    case AccessPattern::kRead: return "read";
    case AccessPattern::kWrite: return "write";
    case AccessPattern::kRandRead: break;
  }
  return "randread";
}

bool is_write(AccessPattern p) { return p == AccessPattern::kRandWrite || p == AccessPattern::kWrite; }

MeasuredPoint measure(const MeasurePlan& plan, const std::function<void(std::string_view)>& warn) {
  using Clock = std::chrono::steady_clock;
  const auto qd = plan.queue_depth;
  UringFile file(plan.path, plan.size_bytes, UringOptions{qd, plan.block_bytes, plan.direct, qd}, warn);
  for (unsigned i = 0; i < qd; ++i) std::memset(file.buffer(i), 0x5A, plan.block_bytes);
  const std::uint64_t blocks = plan.size_bytes / plan.block_bytes;
  const bool random = plan.pattern == AccessPattern::kRandRead || plan.pattern == AccessPattern::kRandWrite;
  const UringFile::Op op = is_write(plan.pattern) ? UringFile::Op::kWrite : UringFile::Op::kRead;
  Rng rng(plan.seed);
  std::uint64_t next = 0;
  std::vector<Clock::time_point> issued(qd);
  MeasuredPoint out;
  std::uint64_t done_ios = 0;
  std::uint64_t issued_ios = 0;
  bool stopping = false;
  const auto issue = [&](unsigned buf) {
    if (plan.ios > 0 && issued_ios == plan.ios) return;
    ++issued_ios;
    const std::uint64_t block = random ? rng.below(blocks) : next++ % blocks;
    issued[buf] = Clock::now();
    file.queue(op, buf, block * plan.block_bytes, plan.block_bytes);
  };
  const auto on_done = [&](unsigned buf, UringFile::Op) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - issued[buf]).count();
    out.latency_ns.add(static_cast<std::uint64_t>(ns));
    ++done_ios;
    if (!stopping) issue(buf);
  };
  const auto t0 = Clock::now();
  for (unsigned i = 0; i < qd && (plan.ios == 0 || i < plan.ios); ++i) issue(file.free_buffer(on_done));
  double elapsed = 0;
  while (!stopping) {
    // The clock is read every few completions: at 4 KiB it costs as much as an I/O.
    file.reap(qd / 2 + 1, on_done);
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    stopping = plan.ios > 0 ? file.in_flight() == 0 : elapsed >= plan.seconds;
  }
  const std::uint64_t counted = done_ios;
  file.drain(on_done);
  out.bytes_per_s = static_cast<double>(counted * plan.block_bytes) / elapsed;
  out.iops = static_cast<double>(counted) / elapsed;
  out.direct = file.direct();
  out.reissued = file.reissued();
  return out;
}

}  // namespace kvtier
