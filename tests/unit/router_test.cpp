// Routers against a view whose loads and cached prefixes the test sets by hand.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/rng/rng.h"
#include "core/sim/routing/router_registry.h"

using namespace kvtier;

namespace {
class FakeView final : public IRoutingView {
 public:
  std::vector<std::uint64_t> loads;
  std::vector<std::uint64_t> prefix;
  std::uint64_t load(std::size_t i) const override { return loads[i]; }
  std::uint64_t cached_prefix_blocks(std::size_t i, const Request& /*r*/) const override { return prefix[i]; }
};

Request blocks(std::size_t n) {
  Request r;
  for (std::size_t i = 0; i < n; ++i) r.blocks.push_back(100 + i);
  return r;
}

std::unique_ptr<IRouter> router(const std::string& name, std::size_t instances) {
  RouterSpec spec;
  spec.name = name;
  return make_router(spec, instances);
}
}  // namespace

TEST_SUITE("routing") {
  TEST_CASE("round robin cycles through the instances") {
    const auto r = router("round_robin", 3);
    FakeView v;
    std::vector<std::size_t> got;
    for (int i = 0; i < 7; ++i) got.push_back(r->route(blocks(1), v));
    CHECK(got == std::vector<std::size_t>{0, 1, 2, 0, 1, 2, 0});
  }

  TEST_CASE("least loaded takes the smallest load, the lowest index on ties") {
    const auto r = router("least_loaded", 4);
    FakeView v;
    v.loads = {3, 1, 4, 1};
    CHECK(r->route(blocks(1), v) == 1);
    v.loads = {0, 0, 0, 0};
    CHECK(r->route(blocks(1), v) == 0);
    v.loads = {5, 5, 5, 2};
    CHECK(r->route(blocks(1), v) == 3);
  }

  TEST_CASE("cache aware: the longest prefix above the threshold, else the least loaded") {
    const auto r = router("cache_aware", 3);
    FakeView v;
    v.loads = {2, 0, 1};
    v.prefix = {3, 0, 6};
    CHECK(r->route(blocks(10), v) == 2);  // 6 of 10 > 0.5
    v.prefix = {3, 0, 5};
    CHECK(r->route(blocks(10), v) == 1);  // 5 of 10 is not above 0.5: least loaded
    v.prefix = {6, 0, 6};
    CHECK(r->route(blocks(10), v) == 2);  // a tie on prefix goes to the less loaded
    v.loads = {1, 1, 1};
    CHECK(r->route(blocks(10), v) == 0);  // ... then to the lower index
  }

  TEST_CASE("cache aware: out of balance (max - min > 32 and max > min x 1.0001), the least loaded") {
    const auto r = router("cache_aware", 2);
    FakeView v;
    v.prefix = {10, 0};
    v.loads = {40, 8};  // 32 apart: still in balance
    CHECK(r->route(blocks(10), v) == 0);
    v.loads = {41, 8};  // 33 apart
    CHECK(r->route(blocks(10), v) == 1);
    RouterSpec spec;
    spec.name = "cache_aware";
    spec.cache_aware.balance_rel = 10.0;  // 41 is not above 8 x 10
    CHECK(make_router(spec, 2)->route(blocks(10), v) == 0);
  }

  TEST_CASE("session: one instance per session, spread by a hash; the block stands in without ids") {
    const auto r = router("session", 4);
    FakeView v;
    std::map<std::uint64_t, std::size_t> first;
    std::set<std::size_t> used;
    for (std::uint64_t turn = 0; turn < 3; ++turn) {
      for (std::uint64_t s = 0; s < 64; ++s) {
        Request q = blocks(turn + 1);
        q.session = s;
        const std::size_t i = r->route(q, v);
        CHECK(i == mix64(s) % 4);
        used.insert(i);
        if (turn == 0) first[s] = i;
        CHECK(first[s] == i);
      }
    }
    CHECK(used.size() == 4);
    Request anon = blocks(3);  // session_block 1: the second block's id
    CHECK(r->route(anon, v) == mix64(101) % 4);
    CHECK(r->route(blocks(1), v) == mix64(100) % 4);  // shorter: its last block
  }
}
