// A run's result as bytes and back, for sweeps whose points run in other processes (the
// MPI task farm): every field of the summary, so what the collecting process writes is
// what a run in it would have written. Not a file format: both ends are the same build.
#pragma once

#include <string>
#include <string_view>

#include "core/sim/simulation.h"
#include "core/sweep/belady_bound.h"

namespace kvtier {

std::string encode_result(const SimulationResult& result);
// Contract: `bytes` came from encode_result of the same build; throws std::runtime_error
// if they are cut short, run over, or hold what no result could (a bool other than 0 or 1,
// an error message with a NUL). Fuzzed: whatever it accepts encodes back to the same bytes.
SimulationResult decode_result(std::string_view bytes);

std::string encode_bound(const HitBound& bound);
HitBound decode_bound(std::string_view bytes);

}  // namespace kvtier
