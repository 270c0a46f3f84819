// Simulated time: signed 64-bit integer nanoseconds. No floating-point clock anywhere,
// so that the order of events never depends on rounding.
#pragma once

#include <cstdint>
#include <limits>

namespace kvtier {

using SimTimeNs = std::int64_t;

inline constexpr SimTimeNs kNsPerUs = 1'000;
inline constexpr SimTimeNs kNsPerMs = 1'000'000;
inline constexpr SimTimeNs kNsPerS = 1'000'000'000;
// "Never": later than any event a run can schedule (about 292 years).
inline constexpr SimTimeNs kSimTimeNever = std::numeric_limits<SimTimeNs>::max();

}  // namespace kvtier
