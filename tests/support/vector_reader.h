// A trace held in memory, for tests that build their request streams by hand.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "workloads/i_trace_reader.h"

namespace kvtier::test {

class VectorReader final : public ITraceReader {
 public:
  explicit VectorReader(std::vector<Request> requests) : requests_(std::move(requests)) {}
  bool next(Request& out) override {
    if (next_ == requests_.size()) return false;
    out = requests_[next_];
    out.index = next_++;
    return true;
  }
  std::string describe() const override { return "test requests"; }

 private:
  std::vector<Request> requests_;
  std::size_t next_ = 0;
};

// One request per block id, all at time 0: a plain block access stream.
inline std::vector<Request> single_block_requests(const std::vector<BlockId>& ids) {
  std::vector<Request> out;
  out.reserve(ids.size());
  for (const BlockId id : ids) out.push_back(Request{0, 0, 512, 1, {id}});
  return out;
}

}  // namespace kvtier::test
