// The served model: how many KV bytes a token costs and how much compute a token takes.
//
// KV bytes per token (hardware.md section 7):
//   GQA/MHA: 2 (K and V) x full-attention layers x kv_heads x head_dim x bytes per element
//   MLA:     layers x (kv_lora_rank + qk_rope_head_dim) x bytes per element
// Sliding-window layers (gpt-oss) hold at most `sliding_window` tokens, so they are left
// out of the per-token figure (their fixed per-sequence cost is not modelled).
#pragma once

#include <cstdint>
#include <string>

#include "core/config/schema.h"
#include "core/config/section.h"

namespace kvtier {

struct ModelSpec {
  std::string name;
  bool mla = false;
  std::int64_t layers = 0;
  std::int64_t sliding_window_layers = 0;
  std::int64_t sliding_window_tokens = 0;
  std::int64_t kv_heads = 0;
  std::int64_t head_dim = 0;
  std::int64_t kv_lora_rank = 0;
  std::int64_t qk_rope_head_dim = 0;
  std::int64_t query_heads = 0;
  std::int64_t qk_head_dim = 0;  // per query head, for attention FLOPs
  std::int64_t v_head_dim = 0;
  double total_params = 0;   // parameters (not billions)
  double active_params = 0;  // per token (MoE: the routed experts only)
  std::int64_t kv_bytes_per_element = 2;
  std::int64_t weight_bytes_per_param = 2;
  std::string kv_dtype;

  std::uint64_t kv_bytes_per_token() const;
};

const ComponentSchema& model_schema();
ModelSpec parse_model(const Section& section);

}  // namespace kvtier
