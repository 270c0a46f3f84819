// The principal branch W0 of the Lambert W function (w e^w = x, w >= -1), for the
// write-amplification closed form of greedy garbage collection under uniform random
// overwrites (hardware.md §5.2(b)): WAF = a / (a + W0(-a e^-a)), a = 1 + OP.
#pragma once

namespace kvtier {

// Contract: x >= -1/e. Accurate to about 1e-15 relative; W0(-1/e) = -1.
double lambert_w0(double x);

// The closed form above; a > 1.
double greedy_gc_waf(double over_provisioning);

}  // namespace kvtier
