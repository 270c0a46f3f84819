// How long an instance computes.
//
// Prefill of n new tokens after c cached ones:
//   FLOPs = 2 x active_params x n                                   (the weights)
//         + 2 x query_heads x (qk_head_dim + v_head_dim) x pairs    (attention)
//   pairs = sum over layers of the (query, key) positions attended: for a full-attention
//           layer n*c + n*(n+1)/2; for a sliding-window layer sum of min(window, position).
//   time  = FLOPs / (accelerators x peak FLOP/s x prefill_efficiency)
// At least one token is always computed (the one that yields the first output token).
//
// Decode, one step for the whole running batch (memory bound):
//   time = (weight bytes + KV bytes of the batch) / first tier's effective read bandwidth
#pragma once

#include <cstdint>
#include <string>

#include "core/config/schema.h"
#include "core/config/section.h"
#include "kvtier/sim_time.h"
#include "workloads/model_spec.h"

namespace kvtier {

struct InstanceSpec {
  std::string name;
  std::int64_t accelerators = 1;  // a tensor-parallel group acting as one instance
  double bf16_flops = 0;          // dense peak per accelerator, FLOP/s
  double fp8_flops = 0;
  bool fp8_compute = false;
  double prefill_efficiency = 0.5;
  std::int64_t max_running = 256;
};

const ComponentSchema& instance_schema();
InstanceSpec parse_instance(const Section& section);

class ComputeModel {
 public:
  // `first_tier_read_bytes_per_s`: the instance's level-0 effective read bandwidth.
  ComputeModel(ModelSpec model, InstanceSpec instance, std::uint64_t first_tier_read_bytes_per_s);

  double prefill_flops(std::uint64_t new_tokens, std::uint64_t cached_tokens) const;
  SimTimeNs prefill_ns(std::uint64_t new_tokens, std::uint64_t cached_tokens) const;
  SimTimeNs decode_step_ns(std::uint64_t batch_kv_bytes) const;
  const ModelSpec& model() const { return model_; }
  const InstanceSpec& instance() const { return instance_; }

 private:
  ModelSpec model_;
  InstanceSpec instance_;
  double flops_per_s_;
  double read_bytes_per_s_;
};

}  // namespace kvtier
