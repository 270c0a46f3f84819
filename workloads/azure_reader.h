// Reads the Azure LLM inference traces (Azure/AzurePublicDataset, 2023; CSV), streaming:
//   TIMESTAMP,ContextTokens,GeneratedTokens
//   2023-11-16 18:17:03.9799600,4808,10
// TIMESTAMP is a UTC date and time with up to nine decimals; arrivals are counted from
// the first request's. The traces carry no block hashes, so each request's blocks come
// from a PrefixModel (workloads/prefix_model.h), seeded by the run's seed.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "workloads/i_trace_reader.h"
#include "workloads/prefix_model.h"

namespace kvtier {

struct AzureReaderOptions {
  std::uint64_t block_tokens = 512;
  double time_scale = 1.0;         // arrival times are multiplied by this
  std::uint64_t max_requests = 0;  // 0: the whole trace
  PrefixModelParams prefix;
  std::uint64_t seed = 1;
};

// One data line of the trace: its time (ns since 1970, UTC) and its lengths.
struct AzureRow {
  std::int64_t time_ns = 0;
  std::uint64_t context_tokens = 0;
  std::uint64_t generated_tokens = 0;
};

class AzureReader final : public ITraceReader {
 public:
  // Contract: throws Error(kNoInput) when the file cannot be opened.
  AzureReader(std::string path, AzureReaderOptions options);
  bool next(Request& out) override;
  std::string describe() const override;

  // Parses one data line (exposed for the fuzzer and tests). Throws Error(kDataErr)
  // naming `where` and the field.
  static AzureRow parse_line(std::string_view line, const std::string& where);

 private:
  std::string path_;
  AzureReaderOptions options_;
  PrefixModel prefix_;
  std::ifstream in_;
  std::string line_;
  std::uint64_t line_number_ = 0;
  bool header_read_ = false;
  std::uint64_t emitted_ = 0;
  std::int64_t first_time_ns_ = 0;
  std::int64_t last_time_ns_ = 0;
};

}  // namespace kvtier
