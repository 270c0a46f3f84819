// Block ids for traces that give only lengths (the Azure LLM inference traces): a seeded,
// documented model of what requests share, since the trace itself does not say.
//
// Each request is given a system prompt, drawn by Zipf popularity from `system_prompts`
// prompts whose lengths are uniform in [1/2, 3/2] of `system_prompt_tokens`. With
// probability `continue_share` it is the next turn of a conversation on that prompt: the
// most recent of the prompt's `open_conversations` latest conversations whose last turn
// held the whole prompt and was shorter than this request. It then shares every full
// block of that turn's input (its growing prefix); otherwise it starts a conversation and
// shares only the full blocks of its prompt that fit in its input. Everything else is its own. Ids are
// prefix-chained, as in the Mooncake traces: a shared id implies a shared prefix.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "core/rng/rng.h"
#include "workloads/request.h"

namespace kvtier {

struct PrefixModelParams {
  std::uint64_t system_prompts = 8;
  double system_prompt_zipf = 1.0;
  std::uint64_t system_prompt_tokens = 1024;  // mean; 0: no system prompt
  double continue_share = 0.5;
  std::uint64_t open_conversations = 64;  // per prompt
};

class PrefixModel {
 public:
  // Contract: system_prompts >= 1, open_conversations >= 1, continue_share in [0, 1].
  PrefixModel(const PrefixModelParams& params, std::uint64_t block_tokens, std::uint64_t seed);
  // Fills `out.blocks` and `out.session` for a request of `out.input_tokens` (>= 1).
  void assign(Request& out);

 private:
  struct Conversation {
    std::uint64_t id;
    std::uint64_t turns;
    std::uint64_t last_input_tokens;
    std::vector<BlockId> blocks;  // of the last turn's input
  };

  PrefixModelParams params_;
  std::uint64_t block_tokens_;
  Rng rng_;
  ZipfSampler prompt_popularity_;
  std::vector<std::uint64_t> prompt_tokens_;
  std::vector<std::deque<Conversation>> open_;  // per prompt, newest first
  std::uint64_t next_conversation_id_ = 0;
};

}  // namespace kvtier
