#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "core/engine/event_queue.h"
#include "core/rng/rng.h"

using namespace kvtier;

TEST_SUITE("engine") {
  TEST_CASE("events come out by time, equal times in insertion order") {
    EventQueue q;
    q.push(5, 1);
    q.push(3, 2);
    q.push(5, 3);
    q.push(3, 4);
    q.push(0, 5);
    std::vector<std::uint32_t> order;
    while (!q.empty()) order.push_back(q.pop().payload);
    CHECK(order == std::vector<std::uint32_t>{5, 2, 4, 1, 3});
  }

  TEST_CASE("renumbering insertion numbers keeps the order, ties included") {
    // Renumber every 7 pushes, while many events with few distinct times are pending.
    EventQueue q(7);
    std::vector<std::pair<SimTimeNs, std::uint32_t>> reference;
    Rng r(5);
    std::uint32_t inserted = 0;
    for (; inserted < 50; ++inserted) {
      const SimTimeNs t = r.between(0, 3);
      q.push(t, inserted);
      reference.emplace_back(t, inserted);
    }
    for (int step = 0; step < 2000; ++step) {
      std::stable_sort(reference.begin(), reference.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      const Event e = q.pop();
      REQUIRE(e.time_ns == reference.front().first);
      REQUIRE(e.payload == reference.front().second);
      reference.erase(reference.begin());
      const SimTimeNs t = e.time_ns + r.between(0, 2);
      q.push(t, inserted);
      reference.emplace_back(t, inserted++);
    }
  }

  TEST_CASE("matches a stable sort on random interleaved pushes and pops (hold model)") {
    // The queue and a stably sorted vector receive the same pushes; pops must agree.
    Rng r(17);
    EventQueue q;
    std::vector<std::pair<SimTimeNs, std::uint32_t>> reference;  // (time, insertion number)
    std::uint32_t inserted = 0;
    for (; inserted < 200; ++inserted) {
      const SimTimeNs t = r.between(0, 50);
      q.push(t, inserted);
      reference.emplace_back(t, inserted);
    }
    SimTimeNs now = 0;
    for (int step = 0; step < 5000; ++step) {
      std::stable_sort(reference.begin(), reference.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      const Event e = q.pop();
      REQUIRE(e.time_ns == reference.front().first);
      REQUIRE(e.payload == reference.front().second);
      REQUIRE(e.time_ns >= now);
      now = e.time_ns;
      reference.erase(reference.begin());
      const SimTimeNs t = now + r.between(0, 3);  // small increments make many ties
      q.push(t, inserted);
      reference.emplace_back(t, inserted);
      ++inserted;
    }
    CHECK(q.size() == 200);
    CHECK(q.pushed() == inserted);
  }
}
