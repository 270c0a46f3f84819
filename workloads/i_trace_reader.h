// A source of requests in arrival order.
#pragma once

#include <string>

#include "workloads/request.h"

namespace kvtier {

// Contract:
//  - next() fills `out` with the next request and returns true, or returns false at the
//    end. Requests come in non-decreasing arrival time with index 0, 1, 2, ...
//  - `out.blocks` has ceil(input_tokens / block_tokens) ids.
//  - A reader streams: it never holds more than a few requests in memory.
//  - Bad input throws kvtier::Error (exit 65, or 66 for a missing file) whose message
//    names the file, line and field.
class ITraceReader {
 public:
  virtual ~ITraceReader() = default;
  virtual bool next(Request& out) = 0;
  // One line for reports: "Mooncake trace conversation_trace.jsonl".
  virtual std::string describe() const = 0;
};

}  // namespace kvtier
