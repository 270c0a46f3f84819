// The io_uring engine of real-backed flash tiers (tiers/backing/uring_file.h), driven the
// way fio drives a file, so that bench/uring_vs_fio.sh can put the two side by side:
//   bench_uring FILE SIZE_MIB RW BS_KIB QD SECONDS
// RW is randread, randwrite, read or write (the engine alone), or storewrite: frames
// written in order through the frame store real-backed flash tiers use (a copy into a
// registered buffer each). Prints "bytes_per_s N iops N reissued N".
#include <chrono>
#include <cstdio>
#include <vector>
#include <cstdlib>
#include <string>

#include "bench/bench_util.h"
#include "kvtier/error.h"
#include "tiers/backing/block_frame.h"
#include "tiers/backing/calibration.h"
#include "tiers/backing/uring_frame_store.h"

using namespace kvtier;

namespace {
MeasuredPoint store_writes(const MeasurePlan& plan) {
  UringFrameStore store(plan.path, plan.block_bytes, plan.size_bytes / plan.block_bytes,
                        UringOptions{plan.queue_depth, plan.block_bytes, true, plan.queue_depth}, nullptr);
  std::vector<std::byte> frame(plan.block_bytes);
  FrameHeader h;
  h.payload_bytes = plan.block_bytes - kFrameHeaderBytes;
  build_frame(h, frame);
  const std::uint64_t frames = plan.size_bytes / plan.block_bytes;
  std::vector<std::uint64_t> done;
  std::uint64_t written = 0;
  const auto t0 = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < plan.seconds) {
    for (int i = 0; i < 16; ++i) store.write(written++ % frames, frame);
    elapsed = bench::seconds_since(t0);
  }
  store.drain();
  store.take_written(done);
  elapsed = bench::seconds_since(t0);
  MeasuredPoint p;
  p.bytes_per_s = static_cast<double>(done.size() * plan.block_bytes) / elapsed;
  p.iops = static_cast<double>(done.size()) / elapsed;
  p.reissued = store.file().reissued();
  return p;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: bench_uring FILE SIZE_MIB randread|randwrite|read|write BS_KIB QD SECONDS\n");
    return 64;
  }
  MeasurePlan plan;
  plan.path = argv[1];
  plan.size_bytes = std::strtoull(argv[2], nullptr, 10) << 20;
  const std::string rw = argv[3];
  plan.block_bytes = std::strtoull(argv[4], nullptr, 10) << 10;
  plan.queue_depth = static_cast<unsigned>(std::strtoul(argv[5], nullptr, 10));
  plan.seconds = std::strtod(argv[6], nullptr);
  const bool through_store = rw == "storewrite";
  plan.pattern = rw == "randwrite" ? AccessPattern::kRandWrite
                 : rw == "read"    ? AccessPattern::kRead
                 : rw == "write" || through_store ? AccessPattern::kWrite
                                   : AccessPattern::kRandRead;
  if (plan.block_bytes == 0 || plan.size_bytes < plan.block_bytes || plan.queue_depth == 0 || plan.seconds <= 0 ||
      (access_pattern_name(plan.pattern) != rw && !through_store)) {
    std::fprintf(stderr, "bench_uring: bad arguments\n");
    return 64;
  }
  try {
    const MeasuredPoint p = through_store ? store_writes(plan) : measure(plan, [](std::string_view w) {
      std::fprintf(stderr, "bench_uring: %.*s\n", static_cast<int>(w.size()), w.data());
    });
    std::printf("bytes_per_s %.0f iops %.0f reissued %llu\n", p.bytes_per_s, p.iops,
                static_cast<unsigned long long>(p.reissued));
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_uring: %s\n", e.what());
    return static_cast<int>(e.code());
  }
  return 0;
}
