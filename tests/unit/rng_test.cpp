#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/rng/rng.h"

using namespace kvtier;

TEST_SUITE("rng") {
  TEST_CASE("xoshiro256** seeded by SplitMix64 matches an independent implementation") {
    // Values from a separate Python transcription of the published algorithms.
    Rng a(42);
    CHECK(a.next() == 0x15780b2e0c2ec716ULL);
    CHECK(a.next() == 0x6104d9866d113a7eULL);
    CHECK(a.next() == 0xae17533239e499a1ULL);
    CHECK(a.next() == 0xecb8ad4703b360a1ULL);
    Rng b(0);
    CHECK(b.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(b.next() == 0xbf6e1f784956452aULL);
  }

  TEST_CASE("uniform, below and between stay in range and are unbiased") {
    Rng r(7);
    std::vector<int> counts(7, 0);
    double sum = 0;
    constexpr int kN = 700'000;
    for (int i = 0; i < kN; ++i) {
      const double u = r.uniform();
      REQUIRE(u >= 0.0);
      REQUIRE(u < 1.0);
      sum += u;
      ++counts[r.below(7)];
      const auto x = r.between(-3, 3);
      REQUIRE(x >= -3);
      REQUIRE(x <= 3);
    }
    CHECK(sum / kN == doctest::Approx(0.5).epsilon(0.005));
    double chi2 = 0;
    for (const int c : counts) chi2 += (c - kN / 7.0) * (c - kN / 7.0) / (kN / 7.0);
    CHECK(chi2 < 22.5);  // 6 degrees of freedom, p = 0.001
  }

  TEST_CASE("exponential and geometric have the requested means") {
    Rng r(11);
    double e = 0;
    double g = 0;
    constexpr int kN = 400'000;
    for (int i = 0; i < kN; ++i) {
      e += r.exponential(3.0);
      g += static_cast<double>(r.geometric(4.0));
    }
    CHECK(e / kN == doctest::Approx(3.0).epsilon(0.01));
    CHECK(g / kN == doctest::Approx(4.0).epsilon(0.01));
  }

  TEST_CASE("Zipf sampler follows the exact probabilities") {
    for (const double s : {0.5, 0.9, 1.0, 1.5}) {
      constexpr std::uint64_t kItems = 10;
      constexpr int kN = 300'000;
      ZipfSampler z(kItems, s);
      Rng r(3);
      std::vector<double> counts(kItems + 1, 0);
      for (int i = 0; i < kN; ++i) {
        const std::uint64_t k = z.sample(r);
        REQUIRE(k >= 1);
        REQUIRE(k <= kItems);
        counts[k] += 1;
      }
      double norm = 0;
      for (std::uint64_t k = 1; k <= kItems; ++k) norm += std::pow(static_cast<double>(k), -s);
      double chi2 = 0;
      for (std::uint64_t k = 1; k <= kItems; ++k) {
        const double expected = kN * std::pow(static_cast<double>(k), -s) / norm;
        chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
      }
      CAPTURE(s);
      CHECK(chi2 < 27.9);  // 9 degrees of freedom, p = 0.001
    }
  }

  TEST_CASE("Zipf over two million items: the head has the right mass") {
    constexpr std::uint64_t kItems = 2'000'000;
    ZipfSampler z(kItems, 0.9);
    Rng r(5);
    constexpr int kN = 2'000'000;
    int ones = 0;
    int tens = 0;
    for (int i = 0; i < kN; ++i) {
      const std::uint64_t k = z.sample(r);
      ones += k == 1;
      tens += k <= 10;
    }
    double norm = 0;
    for (std::uint64_t k = 1; k <= kItems; ++k) norm += std::pow(static_cast<double>(k), -0.9);
    double head = 0;
    for (std::uint64_t k = 1; k <= 10; ++k) head += std::pow(static_cast<double>(k), -0.9);
    CHECK(ones / static_cast<double>(kN) == doctest::Approx(1.0 / norm).epsilon(0.03));
    CHECK(tens / static_cast<double>(kN) == doctest::Approx(head / norm).epsilon(0.02));
  }
}
