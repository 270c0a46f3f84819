#include "workloads/compute_model.h"

#include <algorithm>
#include <cmath>

namespace kvtier {

const ComponentSchema& instance_schema() {
  static const ComponentSchema schema{
      "instance",
      "instance",
      "accelerators",
      "One serving engine: its accelerators' compute, and how many requests it runs at once.",
      {
          {"name", ParamType::kString, "", "", "display name of the accelerator"},
          {"accelerators", ParamType::kInt, "", "1",
           "accelerators per instance (tensor parallel); each brings its own first-tier device", "", {}, 1, 4096},
          {"bf16_tflops", ParamType::kFloat, "TFLOP/s", "", "dense BF16 tensor peak per accelerator", "", {}, 1e-6,
           1e9},
          {"fp8_tflops", ParamType::kFloat, "TFLOP/s", "", "dense FP8 tensor peak per accelerator", "", {}, 1e-6, 1e9},
          {"compute_dtype", ParamType::kEnum, "", "\"bf16\"", "which peak prefill runs at", "", {"bf16", "fp8"}},
          {"prefill_efficiency", ParamType::kFloat, "", "0.5", "achieved fraction of peak FLOP/s in prefill (MFU)",
           "engineering estimate", {}, 1e-6, 1.0},
          {"max_running", ParamType::kInt, "requests", "256", "requests an instance runs at once (vLLM max_num_seqs)",
           "vLLM default", {}, 1, 1e9},
      }};
  return schema;
}

InstanceSpec parse_instance(const Section& s) {
  InstanceSpec i;
  i.name = s.get_string("name");
  i.accelerators = s.get_int("accelerators");
  i.bf16_flops = s.get_float("bf16_tflops") * 1e12;
  i.fp8_flops = s.get_float("fp8_tflops") * 1e12;
  i.fp8_compute = s.get_string("compute_dtype") == "fp8";
  i.prefill_efficiency = s.get_float("prefill_efficiency");
  i.max_running = s.get_int("max_running");
  return i;
}

ComputeModel::ComputeModel(ModelSpec model, InstanceSpec instance, std::uint64_t first_tier_read_bytes_per_s)
    : model_(std::move(model)), instance_(std::move(instance)) {
  const double peak = instance_.fp8_compute ? instance_.fp8_flops : instance_.bf16_flops;
  flops_per_s_ = peak * static_cast<double>(instance_.accelerators) * instance_.prefill_efficiency;
  read_bytes_per_s_ = static_cast<double>(first_tier_read_bytes_per_s);
}

double ComputeModel::prefill_flops(std::uint64_t new_tokens, std::uint64_t cached_tokens) const {
  const double n = static_cast<double>(std::max<std::uint64_t>(new_tokens, 1));
  const double c = static_cast<double>(cached_tokens);
  const double full_pairs = n * c + n * (n + 1) / 2;
  double window_pairs = 0;
  if (model_.sliding_window_layers > 0) {
    // sum over positions p = c+1 .. c+n of min(W, p)
    const double w = static_cast<double>(model_.sliding_window_tokens);
    const double lo = c + 1;
    const double hi = c + n;
    const double ramp_end = std::min(hi, w);
    if (lo <= ramp_end) window_pairs += (lo + ramp_end) * (ramp_end - lo + 1) / 2;
    const double flat_from = std::max(lo, w + 1);
    if (flat_from <= hi) window_pairs += w * (hi - flat_from + 1);
  }
  const double full_layers = static_cast<double>(model_.layers - model_.sliding_window_layers);
  const double window_layers = static_cast<double>(model_.sliding_window_layers);
  const double per_pair = 2.0 * static_cast<double>(model_.query_heads) *
                          static_cast<double>(model_.qk_head_dim + model_.v_head_dim);
  return 2.0 * model_.active_params * n + per_pair * (full_layers * full_pairs + window_layers * window_pairs);
}

SimTimeNs ComputeModel::prefill_ns(std::uint64_t new_tokens, std::uint64_t cached_tokens) const {
  return static_cast<SimTimeNs>(std::llround(prefill_flops(new_tokens, cached_tokens) / flops_per_s_ * 1e9));
}

SimTimeNs ComputeModel::decode_step_ns(std::uint64_t batch_kv_bytes) const {
  const double bytes = model_.total_params * static_cast<double>(model_.weight_bytes_per_param) +
                       static_cast<double>(batch_kv_bytes);
  return static_cast<SimTimeNs>(std::llround(bytes / read_bytes_per_s_ * 1e9));
}

}  // namespace kvtier
