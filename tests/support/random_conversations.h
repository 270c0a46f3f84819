// Conversation-like random requests for tests: a Zipf-popular conversation resends its
// first 1..max_blocks blocks (so a block keeps its position), about a second apart.
#pragma once

#include <cstdint>
#include <vector>

#include "core/rng/rng.h"
#include "workloads/request.h"

namespace kvtier::test {

inline std::vector<Request> random_conversations(std::uint64_t seed, std::size_t requests,
                                                 std::uint64_t conversations, double zipf,
                                                 std::uint64_t max_blocks) {
  Rng rng(seed);
  ZipfSampler popularity(conversations, zipf);
  std::vector<Request> out;
  out.reserve(requests);
  SimTimeNs t = 0;
  for (std::size_t i = 0; i < requests; ++i) {
    Request r;
    t += static_cast<SimTimeNs>(rng.exponential(1e9));
    r.arrival_ns = t;
    const std::uint64_t c = popularity.sample(rng);
    const std::uint64_t length = 1 + rng.below(max_blocks);
    for (std::uint64_t j = 0; j < length; ++j) r.blocks.push_back(c * 64 + j);
    r.input_tokens = length * 512;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kvtier::test
