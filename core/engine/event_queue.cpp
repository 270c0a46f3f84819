#include "core/engine/event_queue.h"

#include <algorithm>

namespace kvtier {

namespace {
constexpr std::size_t kArity = 4;

inline bool before(const Event& a, const Event& b) {
  return a.time_ns < b.time_ns || (a.time_ns == b.time_ns && static_cast<std::int32_t>(a.seq - b.seq) < 0);
}
}  // namespace

void EventQueue::push(SimTimeNs time_ns, std::uint32_t payload) {
  if (++pushed_ % renumber_every_ == 0) renumber();
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

void EventQueue::renumber() {
  // Oldest first: the age of an insertion number is how far it trails the next one.
  std::vector<std::size_t> order(heap_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return static_cast<std::uint32_t>(next_seq_ - heap_[a].seq) > static_cast<std::uint32_t>(next_seq_ - heap_[b].seq);
  });
  std::uint32_t seq = 0;
  for (const std::size_t i : order) heap_[i].seq = seq++;
  next_seq_ = seq;
}

}  // namespace kvtier
