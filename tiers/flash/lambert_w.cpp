#include "tiers/flash/lambert_w.h"

#include <cmath>

namespace kvtier {

double lambert_w0(double x) {
  constexpr double kInvE = 0.36787944117144233;
  if (x <= -kInvE) return -1.0;
  if (x == 0.0) return 0.0;
  // A start near the answer: the branch-point series close to -1/e, log otherwise.
  double w;
  if (x < -0.3) {
    const double p = std::sqrt(2.0 * (1.0 + x / kInvE));  // e x + 1 = x / (1/e) + 1
    w = -1.0 + p - p * p / 3.0 + 11.0 / 72.0 * p * p * p;
  } else if (x < 3.0) {
    w = std::log1p(x) * 0.8;
  } else {
    const double l = std::log(x);
    w = l - std::log(l);
  }
  // Halley's iteration on f(w) = w e^w - x: cubic convergence.
  for (int i = 0; i < 64; ++i) {
    const double ew = std::exp(w);
    const double f = w * ew - x;
    const double wp1 = w + 1.0;
    if (wp1 == 0.0) break;
    const double step = f / (ew * wp1 - (w + 2.0) * f / (2.0 * wp1));
    w -= step;
    if (std::fabs(step) <= 1e-15 * (1.0 + std::fabs(w))) break;
  }
  return w;
}

double greedy_gc_waf(double over_provisioning) {
  const double a = 1.0 + over_provisioning;
  return a / (a + lambert_w0(-a * std::exp(-a)));
}

}  // namespace kvtier
