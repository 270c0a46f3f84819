// Parameters of the admission policies, with the defaults of the systems they come from.
// They are tier keys (frequency_threshold, reuse_threshold, ...) in the tier schema.
#pragma once

#include <cstdint>

#include "kvtier/sim_time.h"

namespace kvtier {

struct AdmissionParams {
  // Dynamo KVBM's disk offload filter (FrequencyFilter::new(2, 600 s, 1_000_000)).
  std::int64_t frequency_threshold = 2;
  SimTimeNs frequency_decay_ns = 600'000'000'000;
  std::int64_t frequency_max_entries = 1'000'000;
  // vLLM's FilterReusedOffloadingManager (store_threshold, max_tracker_size = 64000).
  std::int64_t reuse_threshold = 2;
  std::int64_t reuse_tracker_size = 64'000;
  // TinyLFU (Einziger, Friedman, Manes, ACM TOS 13(4), 2017): reset after this many
  // accesses per block of capacity (Caffeine samples 10x the maximum size).
  std::int64_t tinylfu_sample_factor = 10;
  // Admission by expected reuse time: admit a block whose last reuse gap is within this
  // factor of the tier's residency time (capacity / admission rate).
  double reuse_time_factor = 1.0;
};

}  // namespace kvtier
