// The port's reservations against a brute-force reference that keeps every interval it
// was ever given and finds a fit by trying each candidate start: the port forgets old
// intervals and compacts its lists, and must still find exactly the same earliest fits.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "core/rng/rng.h"
#include "tiers/port.h"

using namespace kvtier;

namespace {
struct ReferencePort {
  struct Interval {
    SimTimeNs start;
    SimTimeNs end;
  };
  std::vector<std::vector<Interval>> servers;

  explicit ReferencePort(std::size_t n) : servers(n) {}
  static bool idle(const std::vector<Interval>& busy, SimTimeNs s, SimTimeNs d) {
    return std::all_of(busy.begin(), busy.end(), [&](const Interval& iv) { return iv.end <= s || iv.start >= s + d; });
  }
  // The earliest start (t, or the end of some interval) at which a server is idle for d > 0.
  SimTimeNs fit(SimTimeNs t, SimTimeNs d, std::size_t* which = nullptr) const {
    SimTimeNs best = kSimTimeNever;
    for (std::size_t k = 0; k < servers.size(); ++k) {
      std::vector<SimTimeNs> candidates{t};
      for (const Interval& iv : servers[k]) {
        if (iv.end > t) candidates.push_back(iv.end);
      }
      std::sort(candidates.begin(), candidates.end());
      for (const SimTimeNs s : candidates) {
        if (idle(servers[k], s, d)) {
          if (s < best) {
            best = s;
            if (which != nullptr) *which = k;
          }
          break;
        }
      }
    }
    return best;
  }
};
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("a port finds the same earliest fits as a brute-force reference, past forgetting and compaction") {
    for (const std::int64_t servers : {1, 3}) {
      Port port(servers);
      ReferencePort ref(static_cast<std::size_t>(servers));
      Rng rng(7 + static_cast<std::uint64_t>(servers));
      SimTimeNs now = 0;
      for (int i = 0; i < 3000; ++i) {
        now += static_cast<SimTimeNs>(rng.below(40));
        port.forget_before(now);
        // Some reservations start in the future (waiting on another leg), leaving gaps.
        const SimTimeNs t = now + (rng.below(4) == 0 ? static_cast<SimTimeNs>(rng.below(400)) : 0);
        const auto d = static_cast<SimTimeNs>(1 + rng.below(60));
        std::size_t which = 0;
        const SimTimeNs expected = ref.fit(t, d, &which);
        const SimTimeNs got = port.earliest_fit(t, d);
        REQUIRE(got == expected);
        port.occupy(got, got + d, 1);
        ref.servers[which].push_back(ReferencePort::Interval{got, got + d});
      }
      CHECK(port.transfers() == 3000);
    }
  }
}
