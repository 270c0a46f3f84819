#include "workloads/model_spec.h"

namespace kvtier {

namespace {
std::int64_t bytes_of(const std::string& dtype) { return dtype == "fp8" ? 1 : 2; }
}  // namespace

const ComponentSchema& model_schema() {
  static const ComponentSchema schema{
      "model",
      "model",
      "models",
      "The served model: attention shape (for KV bytes per token) and parameter counts (for compute).",
      {
          {"name", ParamType::kString, "", "", "display name"},
          {"attention", ParamType::kEnum, "", "\"gqa\"", "gqa (also MHA) or mla (DeepSeek latent attention)", "",
           {"gqa", "mla"}},
          {"layers", ParamType::kInt, "", "", "transformer layers", "", {}, 1, 10000},
          {"sliding_window_layers", ParamType::kInt, "", "0",
           "layers with sliding-window attention (not counted per token)", "", {}, 0, 10000},
          {"sliding_window", ParamType::kInt, "tokens", "0", "window of the sliding-window layers", "", {}, 0, 1e9},
          {"kv_heads", ParamType::kInt, "", "0", "key/value heads (GQA)", "", {}, 0, 100000},
          {"head_dim", ParamType::kInt, "", "0", "dimension per head (GQA)", "", {}, 0, 100000},
          {"kv_lora_rank", ParamType::kInt, "", "0", "compressed latent width (MLA)", "", {}, 0, 100000},
          {"qk_rope_head_dim", ParamType::kInt, "", "0", "decoupled RoPE key width (MLA)", "", {}, 0, 100000},
          {"query_heads", ParamType::kInt, "", "", "attention (query) heads, for attention FLOPs", "", {}, 1, 100000},
          {"qk_head_dim", ParamType::kInt, "", "0", "query/key width per head for FLOPs (0: head_dim)", "", {}, 0,
           100000},
          {"v_head_dim", ParamType::kInt, "", "0", "value width per head for FLOPs (0: head_dim)", "", {}, 0, 100000},
          {"total_params_billion", ParamType::kFloat, "1e9", "", "all parameters (weights read per decode step)", "",
           {}, 1e-6, 1e6},
          {"active_params_billion", ParamType::kFloat, "1e9", "0.0",
           "parameters used per token (MoE; 0: all of them)", "", {}, 0, 1e6},
          {"kv_dtype", ParamType::kEnum, "", "\"bf16\"", "KV cache element type", "", {"bf16", "fp8"}},
          {"weight_dtype", ParamType::kEnum, "", "\"bf16\"", "weight element type", "", {"bf16", "fp8"}},
      }};
  return schema;
}

ModelSpec parse_model(const Section& s) {
  ModelSpec m;
  m.name = s.get_string("name");
  m.mla = s.get_string("attention") == "mla";
  m.layers = s.get_int("layers");
  m.sliding_window_layers = s.get_int("sliding_window_layers");
  m.sliding_window_tokens = s.get_int("sliding_window");
  m.kv_heads = s.get_int("kv_heads");
  m.head_dim = s.get_int("head_dim");
  m.kv_lora_rank = s.get_int("kv_lora_rank");
  m.qk_rope_head_dim = s.get_int("qk_rope_head_dim");
  m.query_heads = s.get_int("query_heads");
  m.qk_head_dim = s.get_int("qk_head_dim") != 0 ? s.get_int("qk_head_dim") : m.head_dim;
  m.v_head_dim = s.get_int("v_head_dim") != 0 ? s.get_int("v_head_dim") : m.head_dim;
  m.total_params = s.get_float("total_params_billion") * 1e9;
  const double active = s.get_float("active_params_billion");
  m.active_params = active > 0 ? active * 1e9 : m.total_params;
  m.kv_dtype = s.get_string("kv_dtype");
  m.kv_bytes_per_element = bytes_of(m.kv_dtype);
  m.weight_bytes_per_param = bytes_of(s.get_string("weight_dtype"));
  if (m.sliding_window_layers >= m.layers) s.fail("sliding_window_layers", "must be fewer than layers");
  if (m.sliding_window_layers > 0 && m.sliding_window_tokens == 0) {
    s.fail("sliding_window", "must be set when sliding_window_layers > 0");
  }
  if (m.mla) {
    if (m.kv_lora_rank + m.qk_rope_head_dim == 0) s.fail("kv_lora_rank", "MLA needs kv_lora_rank (and qk_rope_head_dim)");
  } else {
    if (m.kv_heads == 0) s.fail("kv_heads", "GQA needs kv_heads");
    if (m.head_dim == 0) s.fail("head_dim", "GQA needs head_dim");
  }
  if (m.qk_head_dim == 0 || m.v_head_dim == 0) s.fail("qk_head_dim", "set qk_head_dim and v_head_dim (MLA has no head_dim)");
  return m;
}

std::uint64_t ModelSpec::kv_bytes_per_token() const {
  std::int64_t elements = 0;
  if (mla) {
    elements = layers * (kv_lora_rank + qk_rope_head_dim);
  } else {
    elements = 2 * (layers - sliding_window_layers) * kv_heads * head_dim;
  }
  return static_cast<std::uint64_t>(elements * kv_bytes_per_element);
}

}  // namespace kvtier
