// How a caller watches and stops a run: progress callbacks, warnings, each request as it
// is done with, and a stop flag (set from a signal handler) after which drivers finish at
// the next request boundary.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

#include "core/sim/request_record.h"
#include "kvtier/sim_time.h"

namespace kvtier {

struct Progress {
  std::uint64_t requests = 0;
  std::uint64_t events = 0;
  SimTimeNs sim_now_ns = 0;
};

struct RunControl {
  std::function<void(std::string_view)> warn;         // may be empty
  std::function<void(const Progress&)> progress;      // called every few thousand requests
  std::function<void(const RequestRecord&)> request_done;  // each request once, when done; may be empty
  std::function<void(SimTimeNs)> time_advanced;  // simulated time reached this (before handling it); may be empty
  const std::atomic<bool>* stop = nullptr;            // may be null
  bool stop_requested() const { return stop != nullptr && stop->load(std::memory_order_relaxed); }
};

}  // namespace kvtier
