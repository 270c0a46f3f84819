// libFuzzer: any bytes as a run's result from another rank. decode_result must refuse
// them (std::runtime_error) or give a result that encodes back to the very same bytes;
// never crash, read out of bounds, or allocate beyond what the bytes could hold.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/sweep/result_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kvtier;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const SimulationResult r = decode_result(bytes);
    if (encode_result(r) != bytes) std::abort();
  } catch (const std::runtime_error&) {
  }
  try {
    const HitBound b = decode_bound(bytes);
    if (encode_bound(b) != bytes) std::abort();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
