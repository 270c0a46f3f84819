// The io_uring engine of real-backed flash tiers (tiers/backing/uring_file.h), driven the
// way fio drives a file, so that bench/uring_vs_fio.sh can put the two side by side:
//   bench_uring FILE SIZE_MIB RW BS_KIB QD SECONDS
// RW is randread, randwrite, read or write. Prints "bytes_per_s N iops N reissued N".
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kvtier/error.h"
#include "tiers/backing/calibration.h"

using namespace kvtier;

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
  plan.pattern = rw == "randwrite" ? AccessPattern::kRandWrite
                 : rw == "read"    ? AccessPattern::kRead
                 : rw == "write"   ? AccessPattern::kWrite
                                   : AccessPattern::kRandRead;
  if (plan.block_bytes == 0 || plan.size_bytes < plan.block_bytes || plan.queue_depth == 0 || plan.seconds <= 0 ||
      access_pattern_name(plan.pattern) != rw) {
    std::fprintf(stderr, "bench_uring: bad arguments\n");
    return 64;
  }
  try {
    const MeasuredPoint p = measure(plan, [](std::string_view w) {
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
