#include "core/engine/event_queue.h"

namespace kvtier {

namespace {
constexpr std::size_t kArity = 4;

inline bool before(const Event& a, const Event& b) {
  return a.time_ns < b.time_ns || (a.time_ns == b.time_ns && a.seq < b.seq);
}
}  // namespace

void EventQueue::push(SimTimeNs time_ns, std::uint64_t payload) {
  const Event e{time_ns, next_seq_++, payload};
  std::size_t hole = heap_.size();
  heap_.push_back(e);
  Event* h = heap_.data();
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!before(e, h[parent])) break;
    h[hole] = h[parent];
    hole = parent;
  }
  h[hole] = e;
}

Event EventQueue::pop() {
  const Event result = heap_.front();
  const Event last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return result;
  Event* h = heap_.data();
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(h[c], h[best])) best = c;
    }
    if (!before(h[best], last)) break;
    h[hole] = h[best];
    hole = best;
  }
  h[hole] = last;
  return result;
}

}  // namespace kvtier
