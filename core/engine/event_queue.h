// The pending-event set of the discrete-event engine.
#pragma once

#include <cstdint>
#include <vector>

#include "kvtier/sim_time.h"

namespace kvtier {

struct Event {
  SimTimeNs time_ns;
  std::uint64_t seq;      // insertion number: the tie-breaker that makes runs deterministic
  std::uint64_t payload;  // what the owner of the queue needs to dispatch it
};

// Contract: pop() returns events in increasing time; events with equal times come out in
// the order they were pushed. The order never depends on addresses or hashing.
// A 4-ary implicit heap: half the depth of a binary heap, and the four children of a node
// are adjacent in memory.
class EventQueue {
 public:
  void push(SimTimeNs time_ns, std::uint64_t payload);
  Event pop();  // Contract: !empty()
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  std::uint64_t pushed() const { return next_seq_; }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace kvtier
