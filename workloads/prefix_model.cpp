#include "workloads/prefix_model.h"

#include <algorithm>

namespace kvtier {

namespace {
// Tags keep prompt content and conversation content apart (and apart from the synthetic
// workload's, should both feed one cache).
constexpr std::uint64_t kPromptTag = 0x617A7072ULL;
constexpr std::uint64_t kTurnTag = 0x617A7475ULL;
constexpr std::uint64_t kChainSeed = 0x617A636861696EULL;
constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
}  // namespace

PrefixModel::PrefixModel(const PrefixModelParams& params, std::uint64_t block_tokens, std::uint64_t seed)
    : params_(params),
      block_tokens_(block_tokens),
      rng_(seed),
      prompt_popularity_(params.system_prompts, params.system_prompt_zipf),
      open_(params.system_prompts) {
  const auto mean = static_cast<std::int64_t>(params.system_prompt_tokens);
  for (std::uint64_t p = 0; p < params.system_prompts; ++p) {
    prompt_tokens_.push_back(mean == 0 ? 0 : static_cast<std::uint64_t>(rng_.between(mean / 2, mean + mean / 2)));
  }
}

void PrefixModel::assign(Request& out) {
  const std::uint64_t prompt = prompt_popularity_.sample(rng_) - 1;
  const bool continues = rng_.uniform() < params_.continue_share;
  std::deque<Conversation>& open = open_[prompt];
  // A conversation goes on once its last turn held the whole prompt: then continuing it
  // never shares less than starting afresh would.
  const std::uint64_t prompt_tokens = prompt_tokens_[prompt];
  const auto earlier = continues ? std::find_if(open.begin(), open.end(),
                                                [&](const Conversation& c) {
                                                  return c.last_input_tokens < out.input_tokens &&
                                                         c.last_input_tokens >= prompt_tokens;
                                                })
                                 : open.end();
  const bool continued = earlier != open.end();
  Conversation c;
  std::uint64_t shared_blocks = 0;
  if (continued) {
    c = std::move(*earlier);
    open.erase(earlier);
    shared_blocks = c.last_input_tokens / block_tokens_;  // its last block, if partial, has grown
  } else {
    c = Conversation{next_conversation_id_++, 0, 0, {}};
    shared_blocks = std::min(prompt_tokens, out.input_tokens) / block_tokens_;
  }
  const std::uint64_t n = (out.input_tokens + block_tokens_ - 1) / block_tokens_;
  out.blocks.clear();
  BlockId chain = kChainSeed;
  for (std::uint64_t k = 0; k < n; ++k) {
    if (k < shared_blocks && continued) {
      chain = c.blocks[k];
    } else if (k < shared_blocks) {
      chain = mix64(chain ^ mix64(kPromptTag ^ mix64(prompt * kGolden + k)));
    } else {
      // This turn's own text; a partial block differs from the full block it grows into.
      const std::uint64_t fill = std::min(out.input_tokens, (k + 1) * block_tokens_) - k * block_tokens_;
      std::uint64_t content = mix64(kTurnTag ^ c.id);
      for (const std::uint64_t part : {k, c.turns, fill}) content = mix64(content ^ part);
      chain = mix64(chain ^ content);
    }
    out.blocks.push_back(chain);
  }
  out.session = c.id;
  ++c.turns;
  c.last_input_tokens = out.input_tokens;
  c.blocks = out.blocks;
  open.push_front(std::move(c));
  if (open.size() > params_.open_conversations) open.pop_back();
}

}  // namespace kvtier
