#include "workloads/workload_spec.h"

#include "workloads/azure_reader.h"
#include "workloads/mooncake_reader.h"
#include "workloads/synthetic_conversations.h"

namespace kvtier {

const ComponentSchema& synthetic_workload_schema() {
  static const ComponentSchema schema{
      "workload.synthetic",
      "workload",
      "workloads",
      "Seeded multi-turn conversations sharing system prompts, with Poisson conversation arrivals.",
      {
          {"kind", ParamType::kEnum, "", "\"synthetic\"", "the workload generator", "", {"synthetic", "mooncake", "azure"}},
          {"duration", ParamType::kTime, "ns", "\"10min\"", "conversations start during this time"},
          {"conversation_rate", ParamType::kFloat, "1/s", "2.0", "new conversations per second (Poisson)", "", {},
           1e-9, 1e9},
          {"mean_turns", ParamType::kFloat, "", "4.0", "mean turns per conversation (geometric)", "", {}, 1, 1e6},
          {"think_time", ParamType::kTime, "ns", "\"30s\"", "mean time between turns of a conversation (exponential)"},
          {"system_prompts", ParamType::kInt, "", "8", "distinct system prompts", "", {}, 1, 1e9},
          {"system_prompt_zipf", ParamType::kFloat, "", "1.0", "Zipf exponent of system prompt popularity", "", {},
           1e-6, 100},
          {"system_prompt_tokens", ParamType::kInt, "tokens", "2048",
           "mean system prompt length (each uniform in [0.5, 1.5] of it)", "", {}, 1, 1e9},
          {"user_tokens", ParamType::kFloat, "tokens", "400.0", "mean new user tokens per turn (exponential)", "", {},
           1, 1e9},
          {"output_tokens", ParamType::kFloat, "tokens", "300.0", "mean output tokens per turn (exponential)", "", {},
           1, 1e9},
          {"max_context_tokens", ParamType::kInt, "tokens", "32768",
           "a conversation ends before its input would exceed this", "", {}, 1, 1e12},
          {"max_requests", ParamType::kInt, "", "0", "stop after this many requests (0: no limit)", "", {}, 0, 1e15},
      }};
  return schema;
}

const ComponentSchema& mooncake_workload_schema() {
  static const ComponentSchema schema{
      "workload.mooncake",
      "workload",
      "workloads",
      "A trace in the Mooncake JSON Lines format (timestamp ms, input_length, output_length, hash_ids).",
      {
          {"kind", ParamType::kEnum, "", "\"mooncake\"", "the trace format", "", {"synthetic", "mooncake", "azure"}},
          {"path", ParamType::kString, "", "", "the trace file"},
          {"time_scale", ParamType::kFloat, "", "1.0", "multiplies every arrival time (0.5: twice the load)", "", {},
           1e-9, 1e9},
          {"max_requests", ParamType::kInt, "", "0", "stop after this many requests (0: the whole trace)", "", {}, 0,
           1e15},
      }};
  return schema;
}

const ComponentSchema& azure_workload_schema() {
  static const ComponentSchema schema{
      "workload.azure",
      "workload",
      "workloads",
      "An Azure LLM inference trace (CSV: TIMESTAMP,ContextTokens,GeneratedTokens), with block ids from a "
      "seeded prefix model (the traces have none): shared system prompts and conversations whose turns grow. "
      "The model's defaults are a modelling choice, not measured: sweep them to see what the results depend on.",
      {
          {"kind", ParamType::kEnum, "", "\"azure\"", "the trace format", "", {"synthetic", "mooncake", "azure"}},
          {"path", ParamType::kString, "", "", "the trace file"},
          {"time_scale", ParamType::kFloat, "", "1.0", "multiplies every arrival time (0.5: twice the load)", "", {},
           1e-9, 1e9},
          {"max_requests", ParamType::kInt, "", "0", "stop after this many requests (0: the whole trace)", "", {}, 0,
           1e15},
          {"system_prompts", ParamType::kInt, "", "8", "distinct system prompts", "", {}, 1, 1e9},
          {"system_prompt_zipf", ParamType::kFloat, "", "1.0", "Zipf exponent of system prompt popularity", "", {},
           1e-6, 100},
          {"system_prompt_tokens", ParamType::kInt, "tokens", "1024",
           "mean system prompt length (each uniform in [0.5, 1.5] of it; 0: none)", "", {}, 0, 1e9},
          {"continue_share", ParamType::kFloat, "", "0.5",
           "share of requests that are the next turn of an earlier, shorter conversation on their prompt (and "
           "share its whole last input)",
           "", {}, 0, 1},
          {"open_conversations", ParamType::kInt, "", "64",
           "conversations per prompt a request may continue (the most recent)", "", {}, 1, 1e9},
      }};
  return schema;
}

std::unique_ptr<ITraceReader> make_trace_reader(const Section& s, std::uint64_t block_tokens, std::uint64_t seed) {
  if (s.get_string("kind") == "azure") {
    AzureReaderOptions o;
    o.block_tokens = block_tokens;
    o.time_scale = s.get_float("time_scale");
    o.max_requests = static_cast<std::uint64_t>(s.get_int("max_requests"));
    o.prefix.system_prompts = static_cast<std::uint64_t>(s.get_int("system_prompts"));
    o.prefix.system_prompt_zipf = s.get_float("system_prompt_zipf");
    o.prefix.system_prompt_tokens = static_cast<std::uint64_t>(s.get_int("system_prompt_tokens"));
    o.prefix.continue_share = s.get_float("continue_share");
    o.prefix.open_conversations = static_cast<std::uint64_t>(s.get_int("open_conversations"));
    o.seed = seed;
    return std::make_unique<AzureReader>(s.get_string("path"), o);
  }
  if (s.get_string("kind") == "mooncake") {
    MooncakeReaderOptions o;
    o.block_tokens = block_tokens;
    o.time_scale = s.get_float("time_scale");
    o.max_requests = static_cast<std::uint64_t>(s.get_int("max_requests"));
    return std::make_unique<MooncakeReader>(s.get_string("path"), o);
  }
  SyntheticParams p;
  p.duration_ns = s.get_time("duration");
  p.conversation_rate_per_s = s.get_float("conversation_rate");
  p.mean_turns = s.get_float("mean_turns");
  p.think_time_ns = s.get_time("think_time");
  p.system_prompts = static_cast<std::uint64_t>(s.get_int("system_prompts"));
  p.system_prompt_zipf = s.get_float("system_prompt_zipf");
  p.system_prompt_tokens = static_cast<std::uint64_t>(s.get_int("system_prompt_tokens"));
  p.user_tokens_mean = s.get_float("user_tokens");
  p.output_tokens_mean = s.get_float("output_tokens");
  p.max_context_tokens = static_cast<std::uint64_t>(s.get_int("max_context_tokens"));
  p.max_requests = static_cast<std::uint64_t>(s.get_int("max_requests"));
  return std::make_unique<SyntheticConversations>(p, block_tokens, seed);
}

}  // namespace kvtier
