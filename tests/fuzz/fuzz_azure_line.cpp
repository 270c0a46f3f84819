// libFuzzer: any bytes as one Azure trace line. The only acceptable outcomes are a parsed
// row within the format's bounds, or a kvtier::Error with exit 65.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kvtier/error.h"
#include "workloads/azure_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  kvtier::AzureRow row;
  try {
    row = kvtier::AzureReader::parse_line(line, "fuzz:1");
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kDataErr) std::abort();
    return 0;
  }
  if (row.time_ns < 0 || row.context_tokens == 0 || row.context_tokens > (std::uint64_t{1} << 40) ||
      row.generated_tokens > (std::uint64_t{1} << 40)) {
    std::abort();
  }
  return 0;
}
