#include <doctest/doctest.h>

#include "core/config/config_loader.h"
#include "core/sim/system_spec.h"
#include "workloads/compute_model.h"

using namespace kvtier;

namespace {
ModelSpec model(const std::string& preset, const std::string& dtype = "bf16") {
  const std::string text = "[system]\ntiers = [\"hbm\"]\n[model]\npreset = \"" + preset + "\"\nkv_dtype = \"" + dtype +
                           "\"\n[instance]\npreset = \"h100_sxm\"\n[tiers.hbm]\npreset = \"hbm3_h100\"\n[workload]\n";
  return build_system_spec(load_config_text(text, "model.toml")).model;
}
}  // namespace

TEST_SUITE("workloads") {
  TEST_CASE("KV bytes per token match hardware.md section 7, BF16 and FP8") {
    // The table's figures, typed in independently of the formula.
    CHECK(model("llama-3.1-8b").kv_bytes_per_token() == 131'072);
    CHECK(model("llama-3.1-70b").kv_bytes_per_token() == 327'680);
    CHECK(model("llama-3.1-405b").kv_bytes_per_token() == 516'096);
    CHECK(model("qwen3-32b").kv_bytes_per_token() == 262'144);
    CHECK(model("qwen3-235b-a22b").kv_bytes_per_token() == 192'512);
    CHECK(model("deepseek-v3").kv_bytes_per_token() == 70'272);
    CHECK(model("gpt-oss-120b").kv_bytes_per_token() == 36'864);
    CHECK(model("llama-3.1-70b", "fp8").kv_bytes_per_token() == 163'840);
    CHECK(model("deepseek-v3", "fp8").kv_bytes_per_token() == 35'136);
    CHECK(model("gpt-oss-120b", "fp8").kv_bytes_per_token() == 18'432);
  }

  TEST_CASE("prefill FLOPs: weights plus attention over the cached context, by hand") {
    ModelSpec m;
    m.layers = 2;
    m.query_heads = 1;
    m.qk_head_dim = 3;
    m.v_head_dim = 3;
    m.active_params = 100;
    InstanceSpec inst;
    inst.bf16_flops = 1e9;
    inst.prefill_efficiency = 1.0;
    const ComputeModel c(m, inst, 1);
    // n = 2 new after c = 3 cached: pairs = 2*3 + 2*3/2 = 9 per layer; per pair 2*1*(3+3) = 12.
    CHECK(c.prefill_flops(2, 3) == doctest::Approx(2.0 * 100 * 2 + 12.0 * 2 * 9));
    CHECK(c.prefill_ns(2, 3) == 616);  // 616 FLOPs at 1 GFLOP/s
    CHECK(c.prefill_flops(0, 10) == c.prefill_flops(1, 10));  // one token is always computed
  }

  TEST_CASE("sliding-window attention pairs equal a brute-force sum") {
    ModelSpec m;
    m.layers = 4;
    m.sliding_window_layers = 2;
    m.sliding_window_tokens = 5;
    m.query_heads = 1;
    m.qk_head_dim = 1;
    m.v_head_dim = 1;
    m.active_params = 0;
    InstanceSpec inst;
    inst.bf16_flops = 1;
    const ComputeModel c(m, inst, 1);
    for (std::uint64_t cached : {0ULL, 2ULL, 4ULL, 5ULL, 9ULL}) {
      for (std::uint64_t n : {1ULL, 3ULL, 7ULL, 20ULL}) {
        double full = 0;
        double window = 0;
        for (std::uint64_t p = cached + 1; p <= cached + n; ++p) {
          full += static_cast<double>(p);
          window += static_cast<double>(std::min<std::uint64_t>(p, 5));
        }
        CAPTURE(cached);
        CAPTURE(n);
        CHECK(c.prefill_flops(n, cached) == doctest::Approx(4.0 * (2 * full + 2 * window)));
      }
    }
  }
}
