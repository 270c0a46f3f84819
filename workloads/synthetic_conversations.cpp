#include "workloads/synthetic_conversations.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/units/units.h"

namespace kvtier {

namespace {
// Tags keep the content of prompt blocks and conversation blocks apart.
constexpr std::uint64_t kPromptTag = 0x70726F6D7074ULL;
constexpr std::uint64_t kTurnTag = 0x636F6E76ULL;
constexpr std::uint64_t kChainSeed = 0x6B76746965720000ULL;

SimTimeNs to_ns(double seconds) { return static_cast<SimTimeNs>(std::llround(seconds * 1e9)); }
}  // namespace

SyntheticConversations::SyntheticConversations(const SyntheticParams& params, std::uint64_t block_tokens,
                                               std::uint64_t seed)
    : params_(params),
      block_tokens_(block_tokens),
      rng_(seed),
      prompt_popularity_(params.system_prompts, params.system_prompt_zipf) {
  const auto lo = static_cast<std::int64_t>(params.system_prompt_tokens / 2);
  const auto hi = static_cast<std::int64_t>(params.system_prompt_tokens + params.system_prompt_tokens / 2);
  for (std::uint64_t p = 0; p < params.system_prompts; ++p) {
    prompt_tokens_.push_back(static_cast<std::uint64_t>(std::max<std::int64_t>(1, rng_.between(lo, hi))));
  }
  next_start_ns_ = to_ns(rng_.exponential(1.0 / params_.conversation_rate_per_s));
}

std::string SyntheticConversations::describe() const {
  return fmt::format("synthetic conversations: {:g}/s for {}, {:g} turns, {} system prompts", params_.conversation_rate_per_s,
                     units::format_time(params_.duration_ns), params_.mean_turns, params_.system_prompts);
}

std::uint64_t SyntheticConversations::draw_tokens(double mean) {
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(rng_.exponential(mean))));
}

void SyntheticConversations::start_conversations_until(SimTimeNs t) {
  while (next_start_ns_ <= t && next_start_ns_ < params_.duration_ns) {
    Conversation c{next_conversation_id_++, prompt_popularity_.sample(rng_) - 1,
                   rng_.geometric(params_.mean_turns), 0};
    c.context_tokens = prompt_tokens_[c.prompt];
    std::uint64_t index;
    if (!free_conversations_.empty()) {
      index = free_conversations_.back();
      free_conversations_.pop_back();
      conversations_[index] = c;
    } else {
      index = conversations_.size();
      conversations_.push_back(c);
    }
    pending_.push(Pending{next_start_ns_, index});
    next_start_ns_ += std::max<SimTimeNs>(1, to_ns(rng_.exponential(1.0 / params_.conversation_rate_per_s)));
  }
}

bool SyntheticConversations::next(Request& out) {
  if (params_.max_requests != 0 && emitted_ >= params_.max_requests) return false;
  for (;;) {
    // Conversations that start before the earliest pending turn join the queue first.
    start_conversations_until(pending_.empty() ? params_.duration_ns : pending_.top().time_ns);
    if (pending_.empty()) return false;
    const Pending turn = pending_.top();
    pending_.pop();
    Conversation& c = conversations_[turn.conversation];
    const std::uint64_t input = c.context_tokens + draw_tokens(params_.user_tokens_mean);
    if (turn.time_ns >= params_.duration_ns || input > params_.max_context_tokens) {
      free_conversations_.push_back(turn.conversation);
      continue;
    }
    out.index = emitted_++;
    out.arrival_ns = turn.time_ns;
    out.session = c.id;
    out.input_tokens = input;
    out.output_tokens = draw_tokens(params_.output_tokens_mean);
    fill_blocks(c, input, out.blocks);
    c.context_tokens = input + out.output_tokens;
    if (--c.turns_left == 0) {
      free_conversations_.push_back(turn.conversation);
    } else {
      pending_.push(Pending{turn.time_ns + std::max<SimTimeNs>(1, to_ns(rng_.exponential(
                                                               static_cast<double>(params_.think_time_ns) / 1e9))),
                            turn.conversation});
    }
    return true;
  }
}

void SyntheticConversations::fill_blocks(const Conversation& c, std::uint64_t input_tokens,
                                         std::vector<BlockId>& out) const {
  out.clear();
  const std::uint64_t prompt = prompt_tokens_[c.prompt];
  BlockId chain = kChainSeed;
  for (std::uint64_t k = 0; k * block_tokens_ < input_tokens; ++k) {
    const std::uint64_t end = std::min(input_tokens, (k + 1) * block_tokens_);
    std::uint64_t content;
    if (end <= prompt && end == (k + 1) * block_tokens_) {
      content = mix64(kPromptTag ^ mix64(c.prompt * 0x9E3779B97F4A7C15ULL + k));
    } else {
      // Conversation text; a partial block differs from the full block it grows into.
      content = mix64(kTurnTag ^ mix64(c.id * 0x9E3779B97F4A7C15ULL + k) ^ ((end - k * block_tokens_) << 40));
    }
    chain = mix64(chain ^ content);
    out.push_back(chain);
  }
}

}  // namespace kvtier
