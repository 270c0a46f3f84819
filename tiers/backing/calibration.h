// Measuring a file or block device through the io_uring engine of real backing: for one
// access pattern, block size and queue depth, the bandwidth, IOPS and latency of every
// I/O kept in flight for a given time (as fio's time_based jobs do).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/stats/histogram.h"

namespace kvtier {

enum class AccessPattern { kRandRead, kRandWrite, kRead, kWrite };
std::string_view access_pattern_name(AccessPattern p);
bool is_write(AccessPattern p);

struct MeasurePlan {
  std::string path;
  std::uint64_t size_bytes = 0;  // the region of the file used, from offset 0
  AccessPattern pattern = AccessPattern::kRandRead;
  std::uint64_t block_bytes = 4096;
  unsigned queue_depth = 1;
  double seconds = 1;      // how long I/Os are kept in flight ...
  std::uint64_t ios = 0;   // ... or, if not 0, exactly this many I/Os (a fill)
  bool direct = true;
  std::uint64_t seed = 42;  // random offsets
};

struct MeasuredPoint {
  double bytes_per_s = 0;
  double iops = 0;
  Histogram latency_ns;  // submission to completion, per I/O
  bool direct = false;   // O_DIRECT was used (the filesystem may refuse it)
  std::uint64_t reissued = 0;
};

// Contract: block_bytes divides into size_bytes at least once and is a multiple of 4096
// for O_DIRECT; throws Error(kIoErr) on any I/O failure, naming the file.
MeasuredPoint measure(const MeasurePlan& plan, const std::function<void(std::string_view)>& warn);

}  // namespace kvtier
