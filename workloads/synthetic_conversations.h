// A seeded synthetic chat workload: multi-turn conversations that share system prompts.
//
// Conversations start as a Poisson process. Each picks one of `system_prompts` prompts by
// Zipf popularity and runs a geometric number of turns; a turn arrives an exponential
// think time after the previous one. A turn's input is the whole conversation so far
// (prompt, earlier turns and replies) plus a new user message, so consecutive turns share
// a growing prefix, and conversations on the same prompt share the prompt's full blocks.
// Block ids are prefix-chained hashes of that content, as in the Mooncake traces.
#pragma once

#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include "core/rng/rng.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

struct SyntheticParams {
  SimTimeNs duration_ns = 0;
  double conversation_rate_per_s = 1.0;
  double mean_turns = 4.0;
  SimTimeNs think_time_ns = 0;  // mean
  std::uint64_t system_prompts = 8;
  double system_prompt_zipf = 1.0;
  std::uint64_t system_prompt_tokens = 2048;  // mean; each prompt is uniform in [1/2, 3/2] of it
  double user_tokens_mean = 400;
  double output_tokens_mean = 300;
  std::uint64_t max_context_tokens = 32768;
  std::uint64_t max_requests = 0;  // 0: no limit
};

class SyntheticConversations final : public ITraceReader {
 public:
  SyntheticConversations(const SyntheticParams& params, std::uint64_t block_tokens, std::uint64_t seed);
  bool next(Request& out) override;
  std::string describe() const override;

 private:
  struct Conversation {
    std::uint64_t id;
    std::uint64_t prompt;
    std::uint64_t turns_left;
    std::uint64_t context_tokens;  // prompt plus every earlier turn and reply
  };
  struct Pending {
    SimTimeNs time_ns;
    std::uint64_t conversation;  // index into conversations_; ties go to the older one
    bool operator>(const Pending& o) const {
      return time_ns != o.time_ns ? time_ns > o.time_ns : conversation > o.conversation;
    }
  };

  void start_conversations_until(SimTimeNs t);
  void fill_blocks(const Conversation& c, std::uint64_t input_tokens, std::vector<BlockId>& out) const;
  std::uint64_t draw_tokens(double mean);

  SyntheticParams params_;
  std::uint64_t block_tokens_;
  Rng rng_;
  ZipfSampler prompt_popularity_;
  std::vector<std::uint64_t> prompt_tokens_;
  std::vector<Conversation> conversations_;  // slots reused once a conversation ends
  std::vector<std::uint64_t> free_conversations_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
  SimTimeNs next_start_ns_ = 0;
  std::uint64_t next_conversation_id_ = 0;
  std::uint64_t emitted_ = 0;
};

}  // namespace kvtier
