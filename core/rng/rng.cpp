#include "core/rng/rng.h"

#include <cmath>
#include <stdexcept>

#include "core/int128.h"

namespace kvtier {

std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  return mix64(state);
}

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t Rng::next() {
  const auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::below(std::uint64_t n) {
  using u128 = UInt128;
  u128 m = static_cast<u128>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<u128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == UINT64_MAX) return static_cast<std::int64_t>(next());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span + 1));
}

double Rng::exponential(double mean) {
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  return -mean * std::log(1.0 - uniform());
}

std::uint64_t Rng::geometric(double mean) {
  if (mean <= 1.0) return 1;
  // Trials until the first success with p = 1/mean, by inversion.
  const double p = 1.0 / mean;
  const double u = 1.0 - uniform();
  return 1 + static_cast<std::uint64_t>(std::floor(std::log(u) / std::log1p(-p)));
}

namespace {
// log1p(x)/x and expm1(x)/x, continued smoothly through x = 0 so that the Zipf integral
// stays accurate when the exponent is close to 1.
double log1p_over_x(double x) {
  if (std::fabs(x) > 1e-8) return std::log1p(x) / x;
  return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}
double expm1_over_x(double x) {
  if (std::fabs(x) > 1e-8) return std::expm1(x) / x;
  return 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
}
}  // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double exponent) : n_(n), s_(exponent) {
  if (n == 0) throw std::invalid_argument("Zipf: n must be at least 1");
  if (!(exponent > 0.0)) throw std::invalid_argument("Zipf: the exponent must be positive");
  h_integral_x1_ = big_h(1.5) - 1.0;
  h_integral_n_ = big_h(static_cast<double>(n) + 0.5);
  squeeze_ = 2.0 - big_h_inverse(big_h(2.5) - h(2.0));
}

double ZipfSampler::h(double x) const { return std::exp(-s_ * std::log(x)); }

// H(x) = (x^(1-s) - 1) / (1 - s), and log(x) at s = 1.
double ZipfSampler::big_h(double x) const {
  const double log_x = std::log(x);
  return expm1_over_x((1.0 - s_) * log_x) * log_x;
}

double ZipfSampler::big_h_inverse(double x) const {
  double t = x * (1.0 - s_);
  if (t < -1.0) t = -1.0;  // guards rounding at the upper end of the range
  return std::exp(log1p_over_x(t) * x);
}

std::uint64_t ZipfSampler::sample(Rng& rng) const {
  for (;;) {
    const double u = h_integral_n_ + rng.uniform() * (h_integral_x1_ - h_integral_n_);
    const double x = big_h_inverse(u);
    double k = std::floor(x + 0.5);
    if (k < 1.0) k = 1.0;
    if (k > static_cast<double>(n_)) k = static_cast<double>(n_);
    // Accept at once inside the squeeze; otherwise compare with the exact area.
    if (k - x <= squeeze_ || u >= big_h(k + 0.5) - h(k)) return static_cast<std::uint64_t>(k);
  }
}

}  // namespace kvtier
