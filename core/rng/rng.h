// Seeded random numbers whose values are fixed by this file alone: the generator and
// every distribution are implemented here, so results never change with the standard
// library's <random> distributions (whose algorithms are implementation-defined).
#pragma once

#include <cstdint>

namespace kvtier {

// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): used to expand one seed into generator
// state, and as a cheap 64-bit mixing function.
std::uint64_t splitmix64(std::uint64_t& state);
std::uint64_t mix64(std::uint64_t x);

// xoshiro256** (Blackman and Vigna, 2018).
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();
  // Uniform on [0, 1), 53 random bits.
  double uniform();
  // Uniform integer on [0, n), unbiased (Lemire's multiply-and-reject). n > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform integer on [lo, hi], lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // Exponential with the given mean (> 0), by inversion.
  double exponential(double mean);
  // Geometric number of trials >= 1 with the given mean (>= 1).
  std::uint64_t geometric(double mean);

 private:
  std::uint64_t s_[4];
};

// Zipf(s) over {1, ..., n}: P(k) proportional to k^-s, s > 0. Rejection-inversion
// (Hoermann and Derflinger, ACM TOMACS 6(3), 1996): O(1) per sample, no tables, so it
// works for n in the billions.
class ZipfSampler {
 public:
  ZipfSampler(std::uint64_t n, double exponent);
  std::uint64_t sample(Rng& rng) const;

 private:
  double h(double x) const;           // the density k^-s, continued to reals
  double big_h(double x) const;       // an antiderivative of h
  double big_h_inverse(double x) const;

  std::uint64_t n_;
  double s_;
  double h_integral_x1_;
  double h_integral_n_;
  double squeeze_;
};

}  // namespace kvtier
