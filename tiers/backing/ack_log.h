// The ack log of a real-backed run (--ack-log FILE): a text line per block entered into
// the block directory ("+ level copy block generation", the block as 16 hex digits)
// after the entry is written, and "- ..." before an entry is removed, so that a checker
// knows which blocks were acknowledged, and not since removed, when the process died.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "tiers/block_id.h"

namespace kvtier {

// Appends lines with one write(2) each: no user-space buffer to lose in a kill -9.
class AckLog {
 public:
  // Contract: throws Error(kIoErr) if `path` cannot be opened for appending.
  explicit AckLog(const std::string& path);
  ~AckLog();
  AckLog(const AckLog&) = delete;
  AckLog& operator=(const AckLog&) = delete;
  void line(char sign, std::uint32_t level, std::uint32_t copy, BlockId block, std::uint64_t generation);

 private:
  std::string path_;
  int fd_ = -1;
};

using AckedBlock = std::tuple<std::uint32_t, std::uint32_t, BlockId>;  // level, copy, block

// What an ack log leaves acknowledged: for each block, the generation of its last "+"
// not followed by a "-". A last line without its newline was being written when the
// process died and acknowledges nothing. Contract: throws Error(kDataErr) naming
// `origin`:line for a line that is not an ack log line.
std::map<AckedBlock, std::uint64_t> parse_ack_log(std::string_view text, const std::string& origin);

}  // namespace kvtier
