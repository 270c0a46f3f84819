// Writes requests in the Mooncake trace format, so that workloads kvtier generates can be
// replayed by kvtier and by other tools that read this de-facto format.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <unordered_map>

#include "workloads/request.h"

namespace kvtier {

class MooncakeWriter {
 public:
  // Contract: throws Error(kIoErr) when the file cannot be created.
  explicit MooncakeWriter(std::string path);
  // Block ids are renumbered 0, 1, 2, ... in order of first appearance, as in the
  // published traces; the renumbering is one-to-one, so cache behaviour is unchanged.
  void write(const Request& request);
  // Contract: throws Error(kIoErr) if anything failed to reach the file.
  void close();

 private:
  std::string path_;
  std::ofstream out_;
  std::unordered_map<BlockId, std::uint64_t> dense_ids_;  // looked up only, never iterated
  std::string line_;
};

}  // namespace kvtier
