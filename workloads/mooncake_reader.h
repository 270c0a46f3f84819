// Reads the Mooncake trace format (JSON Lines), streaming one line at a time:
//   {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1, ...]}
// timestamp is milliseconds from the start; hash_ids has one prefix-chained id per
// block_tokens of input. Unknown fields are ignored; blank lines are skipped.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

#include "workloads/i_trace_reader.h"

namespace kvtier {

struct MooncakeReaderOptions {
  std::uint64_t block_tokens = 512;
  double time_scale = 1.0;         // arrival times are multiplied by this
  std::uint64_t max_requests = 0;  // 0: the whole trace
};

class MooncakeReader final : public ITraceReader {
 public:
  // Contract: throws Error(kNoInput) when the file cannot be opened.
  MooncakeReader(std::string path, MooncakeReaderOptions options);
  bool next(Request& out) override;
  std::string describe() const override;

  // Parses one line (exposed for the fuzzer and tests). Throws Error(kDataErr).
  static void parse_line(std::string_view line, const std::string& where, const MooncakeReaderOptions& options,
                         Request& out);

 private:
  std::string path_;
  MooncakeReaderOptions options_;
  std::ifstream in_;
  std::string line_;
  std::uint64_t line_number_ = 0;
  std::uint64_t emitted_ = 0;
  SimTimeNs last_arrival_ns_ = 0;
};

}  // namespace kvtier
