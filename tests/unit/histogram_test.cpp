#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rng/rng.h"
#include "core/stats/histogram.h"
#include "core/stats/time_weighted.h"

using namespace kvtier;

namespace {
std::uint64_t exact_percentile(std::vector<std::uint64_t> v, double p) {
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  rank = std::clamp<std::size_t>(rank, 1, v.size());
  return v[rank - 1];
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("histogram percentiles are within 1% of the exact nearest-rank values") {
    Rng r(9);
    std::vector<std::uint64_t> values;
    Histogram h;
    for (int i = 0; i < 200'000; ++i) {
      // Log-uniform over nine decades, as latencies from ns to s are.
      const auto v = static_cast<std::uint64_t>(std::exp(r.uniform() * std::log(1e9)));
      values.push_back(v);
      h.add(v);
    }
    for (const double p : {0.1, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
      const double exact = static_cast<double>(exact_percentile(values, p));
      const double got = static_cast<double>(h.percentile(p));
      CAPTURE(p);
      CHECK(std::fabs(got - exact) <= 0.01 * exact);
    }
    CHECK(h.count() == values.size());
    CHECK(h.min() == *std::min_element(values.begin(), values.end()));
    CHECK(h.max() == *std::max_element(values.begin(), values.end()));
  }

  TEST_CASE("small values are exact; mean is exact; merge adds") {
    Histogram a;
    Histogram b;
    for (std::uint64_t v = 0; v < 100; ++v) a.add(v);
    for (std::uint64_t v = 100; v < 200; ++v) b.add(v);
    CHECK(a.percentile(50) == 49);
    CHECK(a.mean() == doctest::Approx(49.5));
    a.merge(b);
    CHECK(a.count() == 200);
    CHECK(a.mean() == doctest::Approx(99.5));
    CHECK(a.percentile(100) == 199);
    CHECK(Histogram{}.percentile(50) == 0);
  }

  TEST_CASE("bucket boundaries tile the integers") {
    for (std::uint64_t v : {0ULL, 1ULL, 127ULL, 128ULL, 255ULL, 256ULL, 1000ULL, 123456789ULL, (1ULL << 63) + 5}) {
      const std::size_t b = Histogram::bucket_of(v);
      CAPTURE(v);
      CHECK(Histogram::bucket_low(b) <= v);
      CHECK(v - Histogram::bucket_low(b) < Histogram::bucket_width(b));
    }
  }

  TEST_CASE("time-weighted mean of a hand-computed step function") {
    TimeWeighted tw;
    tw.set(10, 4);   // 4 over [10, 20)
    tw.set(20, 0);   // 0 over [20, 30)
    tw.set(30, 10);  // 10 over [30, 40)
    CHECK(tw.mean_until(40) == doctest::Approx((4.0 * 10 + 0 + 10.0 * 10) / 30));
    CHECK(tw.peak() == 10);
    CHECK(TimeWeighted{}.mean_until(100) == 0.0);
  }
}
