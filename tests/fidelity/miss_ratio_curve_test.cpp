// The one-pass LRU miss-ratio curve against things computed another way:
//  - each stack distance against the depth of the block in a move-to-front list;
//  - the exact curve, at many capacities, against kvtier's own single-tier LRU replay run
//    once per capacity (block hits, block-weighted and per-request prefix hits);
//  - the capacity for a target ratio against replays at it and one block below;
//  - SHARDS's sampled curve against the exact one, within the error its rate allows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include "core/rng/rng.h"
#include "core/stats/stack_distance.h"
#include "core/sweep/miss_ratio_curve.h"
#include "tests/support/cache_replay.h"
#include "tests/support/random_conversations.h"

using namespace kvtier;

namespace {
// Depth in a most-recent-last list, found by a linear scan: obviously the stack distance.
class MoveToFront {
 public:
  std::uint64_t access(BlockId id) {
    const auto it = std::find(stack_.rbegin(), stack_.rend(), id);
    std::uint64_t depth = StackDistance::kCold;
    if (it != stack_.rend()) {
      depth = static_cast<std::uint64_t>(it - stack_.rbegin()) + 1;
      stack_.erase(std::next(it).base());
    }
    stack_.push_back(id);
    return depth;
  }

 private:
  std::vector<BlockId> stack_;
};

MissRatioCurve curve_of(const std::vector<Request>& requests, double rate = 1.0) {
  MissRatioCurve curve(rate);
  for (const Request& r : requests) curve.add_request(r.blocks);
  return curve;
}

RunStats lru_replay(const std::vector<Request>& requests, std::uint64_t capacity) {
  return test::replay(test::untimed({test::block_tier("cache", capacity, "lru")}), requests);
}

// The curve at `capacity` is exactly what an LRU tier of that many blocks counts.
void check_against_replay(const MissRatioCurve& curve, const std::vector<Request>& requests, std::uint64_t capacity) {
  const MrcPoint p = curve.at(std::vector<std::uint64_t>{capacity}).front();
  const RunStats stats = lru_replay(requests, capacity);
  const auto accesses = static_cast<double>(stats.block_accesses);
  CAPTURE(capacity);
  REQUIRE(curve.block_accesses() == stats.block_accesses);
  CHECK(std::llround(p.block_hit_ratio * accesses) == static_cast<long long>(stats.block_hits));
  REQUIRE(p.prefix_hit_ratio.has_value());
  CHECK(std::llround(*p.prefix_hit_ratio * accesses) == static_cast<long long>(stats.prefix_hit_blocks));
  REQUIRE(p.request_prefix_hit_ratio.has_value());
  CHECK(*p.request_prefix_hit_ratio ==
        doctest::Approx(stats.prefix_hit_fraction_sum / static_cast<double>(stats.requests)).epsilon(1e-12));
}

// Mean absolute difference of the block hit ratio, sampled against exact, over `points`
// capacities spread evenly up to the footprint.
double mean_abs_error(const MissRatioCurve& exact, const MissRatioCurve& sampled, std::uint64_t points) {
  std::vector<std::uint64_t> capacities;
  for (std::uint64_t k = 1; k <= points; ++k) capacities.push_back(exact.footprint_blocks() * k / points);
  const auto want = exact.at(capacities);
  const auto got = sampled.at(capacities);
  double sum = 0;
  for (std::size_t i = 0; i < capacities.size(); ++i) sum += std::abs(want[i].block_hit_ratio - got[i].block_hit_ratio);
  return sum / static_cast<double>(points);
}
}  // namespace

TEST_SUITE("fidelity") {
  TEST_CASE("a stack distance is the block's depth in a move-to-front list") {
    // Few blocks: the times are renumbered many times over. Many: the tree grows.
    for (const std::uint64_t blocks : {1ULL, 3ULL, 300ULL, 5000ULL}) {
      Rng rng(blocks);
      ZipfSampler zipf(blocks, 0.8);
      StackDistance fast;
      MoveToFront slow;
      for (int i = 0; i < 40'000; ++i) {
        const BlockId id = rng.below(4) == 0 ? rng.below(blocks) : zipf.sample(rng);
        const std::uint64_t want = slow.access(id);
        const std::uint64_t got = fast.access(id);
        if (got != want) {
          CAPTURE(blocks);
          CAPTURE(i);
          REQUIRE(got == want);
        }
      }
    }
  }

  TEST_CASE("the exact curve equals a single-tier LRU replay at every capacity") {
    const auto requests = test::random_conversations(7, 3000, 400, 0.9, 24);
    const MissRatioCurve curve = curve_of(requests);
    CHECK(curve.requests() == requests.size());
    const std::uint64_t footprint = curve.footprint_blocks();
    for (std::uint64_t c : {1ULL, 2ULL, 5ULL, 23ULL, 24ULL, 25ULL, 100ULL, 777ULL, 2000ULL}) {
      check_against_replay(curve, requests, c);
    }
    check_against_replay(curve, requests, footprint - 1);
    check_against_replay(curve, requests, footprint);
    check_against_replay(curve, requests, footprint * 10);
  }

  TEST_CASE("the capacity for a target is the first that reaches it") {
    const auto requests = test::random_conversations(11, 2000, 300, 1.0, 16);
    const MissRatioCurve curve = curve_of(requests);
    for (const double target : {0.2, 0.5, 0.7}) {
      const auto c = curve.capacity_for(target);
      REQUIRE(c.has_value());
      CAPTURE(target);
      const auto ratio = [&](std::uint64_t capacity) {
        const RunStats s = lru_replay(requests, capacity);
        return static_cast<double>(s.prefix_hit_blocks) / static_cast<double>(s.block_accesses);
      };
      CHECK(ratio(*c) >= target);
      CHECK(ratio(*c - 1) < target);
    }
    CHECK_FALSE(curve.capacity_for(1.0).has_value());  // first uses always miss
  }

  TEST_CASE("SHARDS at rate 0.1 is within 0.01 of the exact block curve") {
    const auto requests = test::random_conversations(3, 60'000, 200'000, 0.8, 32);
    const MissRatioCurve exact = curve_of(requests);
    const MissRatioCurve sampled = curve_of(requests, 0.1);
    CHECK(sampled.sampled());
    CHECK(sampled.block_accesses() == exact.block_accesses());
    CHECK(std::abs(static_cast<double>(sampled.footprint_blocks()) / static_cast<double>(exact.footprint_blocks()) - 1) < 0.05);
    const double error = mean_abs_error(exact, sampled, 50);
    MESSAGE("mean absolute error at rate 0.1: " << error);
    CHECK(error < 0.01);
    CHECK_FALSE(sampled.at(std::vector<std::uint64_t>{100}).front().prefix_hit_ratio.has_value());
  }

  TEST_CASE("trace: the exact curve equals LRU replays on the Mooncake trace, SHARDS within 0.01") {
    const auto requests = test::mooncake_requests();
    const MissRatioCurve exact = curve_of(requests);
    for (std::uint64_t c : {1000ULL, 20'000ULL, 100'000ULL}) check_against_replay(exact, requests, c);
    check_against_replay(exact, requests, exact.footprint_blocks());
    for (const double rate : {0.1, 0.01}) {
      const double error = mean_abs_error(exact, curve_of(requests, rate), 50);
      MESSAGE("Mooncake, mean absolute error at rate " << rate << ": " << error);
      CHECK(error < 0.01);
    }
  }
}
