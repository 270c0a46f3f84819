// The pending-event set of the discrete-event engine.
#pragma once

#include <cstdint>
#include <vector>

#include "kvtier/sim_time.h"

namespace kvtier {

// 16 bytes, so a million pending events fit in 16 MB and each heap level's four
// children share one cache line.
struct Event {
  SimTimeNs time_ns;
  std::uint32_t seq;      // insertion number (mod 2^32): the tie-breaker that keeps runs deterministic
  std::uint32_t payload;  // what the owner of the queue needs to dispatch it
};

// Contract: pop() returns events in increasing time; events with equal times come out in
// the order they were pushed. The order never depends on addresses or hashing.
//
// A 4-ary implicit heap (half the depth of a binary heap). Insertion numbers are 32-bit and
// compared by serial-number arithmetic, which is exact while all pending numbers lie within
// 2^31 of each other; every `renumber_every` pushes (2^30 by default) the pending events are
// renumbered 0, 1, 2, ... in their current order, which keeps them so.
class EventQueue {
 public:
  explicit EventQueue(std::uint64_t renumber_every = std::uint64_t{1} << 30) : renumber_every_(renumber_every) {}

  void push(SimTimeNs time_ns, std::uint32_t payload);
  Event pop();  // Contract: !empty()
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  std::uint64_t pushed() const { return pushed_; }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  void renumber();

  std::vector<Event> heap_;
  std::uint32_t next_seq_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t renumber_every_;
};

}  // namespace kvtier
