// The time-weighted mean of a piecewise-constant quantity (occupancy, queue length):
// the integral of the value over time divided by the time covered. Integer arithmetic
// (128-bit integral), so the result does not depend on the order of updates' rounding.
#pragma once

#include <cstdint>

#include "core/int128.h"
#include "kvtier/sim_time.h"

namespace kvtier {

class TimeWeighted {
 public:
  // Contract: times passed to set() and mean_until() never decrease. The quantity is
  // taken to be 0 before the first set().
  void set(SimTimeNs now, std::int64_t value) {
    advance(now);
    value_ = value;
    if (value > peak_) peak_ = value;
  }
  std::int64_t value() const { return value_; }
  std::int64_t peak() const { return peak_; }

  // Mean over [first set(), until]; 0 when no time has passed.
  double mean_until(SimTimeNs until) const {
    if (!started_ || until <= start_) return 0.0;
    const Int128 integral = integral_ + static_cast<Int128>(value_) * (until - last_);
    return static_cast<double>(integral) / static_cast<double>(until - start_);
  }

 private:
  void advance(SimTimeNs now) {
    if (!started_) {
      started_ = true;
      start_ = last_ = now;
      return;
    }
    integral_ += static_cast<Int128>(value_) * (now - last_);
    last_ = now;
  }

  bool started_ = false;
  SimTimeNs start_ = 0;
  SimTimeNs last_ = 0;
  std::int64_t value_ = 0;
  std::int64_t peak_ = 0;
  Int128 integral_ = 0;
};

}  // namespace kvtier
