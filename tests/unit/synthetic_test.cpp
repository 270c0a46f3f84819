#include <doctest/doctest.h>

#include <map>
#include <set>

#include "workloads/synthetic_conversations.h"

using namespace kvtier;

namespace {
SyntheticParams params() {
  SyntheticParams p;
  p.duration_ns = 600 * kNsPerS;
  p.conversation_rate_per_s = 2.0;
  p.mean_turns = 4.0;
  p.think_time_ns = 30 * kNsPerS;
  p.system_prompts = 4;
  p.system_prompt_tokens = 2048;
  return p;
}

std::vector<Request> all(const SyntheticParams& p, std::uint64_t seed) {
  SyntheticConversations gen(p, 512, seed);
  std::vector<Request> out;
  Request r;
  while (gen.next(r)) out.push_back(r);
  return out;
}
}  // namespace

TEST_SUITE("workloads") {
  TEST_CASE("synthetic conversations: seeded, sorted, and shaped as configured") {
    const auto a = all(params(), 1);
    const auto b = all(params(), 1);
    const auto c = all(params(), 2);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      REQUIRE(a[i].arrival_ns == b[i].arrival_ns);
      REQUIRE(a[i].blocks == b[i].blocks);
    }
    CHECK(a.size() != c.size());
    for (std::size_t i = 1; i < a.size(); ++i) REQUIRE(a[i].arrival_ns >= a[i - 1].arrival_ns);
    for (const Request& r : a) {
      REQUIRE(r.blocks.size() == (r.input_tokens + 511) / 512);
      REQUIRE(r.arrival_ns < 600 * kNsPerS);
    }
    // About rate x duration conversations, each with about mean_turns turns (less the
    // turns cut off by the end of the run).
    CHECK(static_cast<double>(a.size()) > 0.7 * 2.0 * 600 * 4.0);
    CHECK(static_cast<double>(a.size()) < 1.1 * 2.0 * 600 * 4.0);
  }

  TEST_CASE("turns extend their conversation's prefix; conversations share prompt blocks") {
    const auto rs = all(params(), 3);
    // Group by first block: the prompt's first block is shared by every conversation on it.
    std::set<BlockId> first_blocks;
    for (const Request& r : rs) first_blocks.insert(r.blocks.front());
    CHECK(first_blocks.size() <= 4);
    // Every request whose second block was seen before in a request that was a prefix of it
    // must agree on every full block before that point: check prefix-chaining directly.
    std::map<BlockId, std::vector<BlockId>> prefix_of;
    std::size_t extended = 0;
    for (const Request& r : rs) {
      for (std::size_t j = 0; j + 1 < r.blocks.size(); ++j) {
        auto [it, inserted] = prefix_of.try_emplace(r.blocks[j], r.blocks.begin(), r.blocks.begin() + static_cast<std::ptrdiff_t>(j) + 1);
        if (!inserted) {
          REQUIRE(std::equal(it->second.begin(), it->second.end(), r.blocks.begin()));
          if (j > 4) ++extended;
        }
      }
    }
    CHECK(extended > 1000);  // later turns reuse earlier turns' blocks
  }
}
