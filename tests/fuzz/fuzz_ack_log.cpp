// libFuzzer: any bytes as an ack log. The only acceptable outcomes are a map of the
// blocks it acknowledged or a kvtier::Error with exit 65; and parsing the text again
// with a line appended that removes nothing must give the same map.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kvtier/error.h"
#include "tiers/backing/ack_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto acked = kvtier::parse_ack_log(text, "fuzz");
    for (const auto& [key, generation] : acked) (void)generation;
    // A torn last line acknowledges nothing, so appending one changes nothing.
    if (kvtier::parse_ack_log(text + (text.empty() || text.back() == '\n' ? "+ 1 2" : ""), "fuzz") != acked) std::abort();
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kDataErr) std::abort();
  }
  return 0;
}
