// libFuzzer: any bytes as a size, bandwidth and time. Parsing must succeed or throw
// UnitError; what parses must format and parse back to the same value.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/units/units.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kvtier::units;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const Size s = parse_size(text);
    if (!(parse_size(format_size(s)) == s)) std::abort();
  } catch (const UnitError&) {
  }
  try {
    const std::uint64_t b = parse_bandwidth(text);
    if (parse_bandwidth(format_bandwidth(b)) != b) std::abort();
  } catch (const UnitError&) {
  }
  try {
    const kvtier::SimTimeNs t = parse_time(text);
    if (parse_time(format_time(t)) != t) std::abort();
  } catch (const UnitError&) {
  }
  return 0;
}
