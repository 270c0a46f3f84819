// Where a tier copy's service times can come from instead of the model: a real-backed
// copy under --timing measured times its real I/Os, and the hierarchy holds the copy's
// port for what they took (tiers/backing/backed_copy.h says how it is scaled).
#pragma once

#include "kvtier/sim_time.h"

namespace kvtier {

// Contract: each time is reported once (taking it resets it to 0) and is never negative.
class IServiceTimer {
 public:
  virtual ~IServiceTimer() = default;
  // The service time of the reads (writes) done since the last call, summed; resets it.
  virtual SimTimeNs take_read_ns() = 0;
  virtual SimTimeNs take_write_ns() = 0;
};

}  // namespace kvtier
