// libFuzzer: any bytes as one Mooncake trace line. The only acceptable outcomes are a
// parsed request that honours the format's invariants, or a kvtier::Error with exit 65.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kvtier/error.h"
#include "workloads/mooncake_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  kvtier::MooncakeReaderOptions options;
  options.block_tokens = 1 + (size % 1024);
  kvtier::Request r;
  try {
    kvtier::MooncakeReader::parse_line(line, "fuzz:1", options, r);
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kDataErr) std::abort();
    return 0;
  }
  if (r.input_tokens == 0 || r.arrival_ns < 0) std::abort();
  if (r.blocks.size() != (r.input_tokens + options.block_tokens - 1) / options.block_tokens) std::abort();
  return 0;
}
